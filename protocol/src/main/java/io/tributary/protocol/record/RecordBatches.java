package io.tributary.protocol.record;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * The record batches stored back to back in a buffer, such as the records field of a Produce request or a Fetch
 * response. Iterating yields a zero-copy {@link RecordBatch} view per complete batch and stops silently before a
 * truncated trailing batch, which a broker legitimately sends when it cuts a Fetch response by size;
 * {@link #hasPartialTail()} tells whether there was one.
 *
 * <p>Only batch framing is checked here: a batchLength below the 49-byte minimum (corrupt) and a magic other
 * than 2 (legacy v0/v1 message sets are not supported) throw {@link InvalidRecordException} naming the byte offset
 * from the start of the buffer, once iteration reaches that batch. CRCs are checked by
 * {@link RecordBatch#ensureValid()} and records by {@link RecordBatch#records()}.
 *
 * <p>The buffer is neither retained nor released and its indexes do not move; views are valid while it is.
 * Immutable and thread-safe as long as nobody modifies the bytes.
 *
 * @since 0.1
 */
public final class RecordBatches implements Iterable<RecordBatch> {
    private static final int MIN_BATCH_LENGTH = RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD;

    private final ByteBuf buf;

    private RecordBatches(ByteBuf buf) {
        this.buf = buf;
    }

    /** The batches in {@code records}'s readable bytes. */
    public static RecordBatches of(ByteBuf records) {
        requireNonNull(records, "records");
        return new RecordBatches(records.slice());
    }

    /** Total bytes, complete batches and partial tail included. */
    public int sizeInBytes() {
        return buf.capacity();
    }

    /**
     * Bytes taken by the complete batches, from the start of the buffer up to a partial tail, if any.
     *
     * @throws InvalidRecordException if a batch before that point has a bad batchLength or magic
     */
    public int sizeOfCompleteBatches() {
        int pos = 0;
        for (int size = batchSizeAt(0); size > 0; size = batchSizeAt(pos)) {
            pos += size;
        }
        return pos;
    }

    /**
     * Whether the buffer ends with an incomplete batch, which iteration skips.
     *
     * @throws InvalidRecordException as for {@link #sizeOfCompleteBatches()}
     */
    public boolean hasPartialTail() {
        return sizeOfCompleteBatches() < buf.capacity();
    }

    @Override
    public Iterator<RecordBatch> iterator() {
        return new BatchIterator();
    }

    /** Size of the complete batch at {@code pos}, or -1 if the bytes end before it does. */
    private int batchSizeAt(int pos) {
        int remaining = buf.capacity() - pos;
        if (remaining < RecordBatch.LOG_OVERHEAD) {
            return -1;
        }
        int batchLength = buf.getInt(pos + RecordBatch.LENGTH_OFFSET);
        if (batchLength < MIN_BATCH_LENGTH) {
            throw new InvalidRecordException("record batch at byte " + pos + " declares batchLength " + batchLength
                + ", below the minimum of " + MIN_BATCH_LENGTH, true, pos);
        }
        if (batchLength > remaining - RecordBatch.LOG_OVERHEAD) {
            return -1;
        }
        byte magic = buf.getByte(pos + RecordBatch.MAGIC_OFFSET);
        if (magic != RecordBatch.MAGIC) {
            throw RecordBatch.unsupportedMagic(magic, pos);
        }
        return batchLength + RecordBatch.LOG_OVERHEAD;
    }

    @Override
    public String toString() {
        return "RecordBatches(" + buf.capacity() + " bytes)";
    }

    private final class BatchIterator implements Iterator<RecordBatch> {
        private int pos;
        private @Nullable RecordBatch next;
        private boolean finished;

        @Override
        public boolean hasNext() {
            if (next == null && !finished) {
                int size = batchSizeAt(pos);
                if (size < 0) {
                    finished = true;
                } else {
                    next = new RecordBatch(buf.slice(pos, size));
                    pos += size;
                }
            }
            return next != null;
        }

        @Override
        public RecordBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            RecordBatch batch = next;
            next = null;
            return batch;
        }
    }
}
