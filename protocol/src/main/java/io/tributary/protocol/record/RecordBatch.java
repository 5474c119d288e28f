package io.tributary.protocol.record;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.tributary.protocol.internal.CompressionCodec;
import io.tributary.protocol.internal.Crc32c;
import java.util.Collections;
import java.util.Iterator;

/**
 * A zero-copy view of one record batch (magic 2) in a {@link ByteBuf}: header fields are read at their fixed
 * offsets on each call, and records are parsed lazily by {@link #records()}.
 *
 * <p>The view neither retains nor releases the buffer; it is valid while the buffer is. The {@code set...}
 * methods write into the buffer in place. Not thread-safe when those setters are used; otherwise reads are safe
 * from several threads. Header accessors never fail on a wrapped batch; {@link #compression()} and record
 * iteration throw {@link InvalidRecordException} for malformed content, and the CRC is only checked by
 * {@link #isValid()} and {@link #ensureValid()}.
 *
 * @since 0.1
 */
public final class RecordBatch {
    /** Bytes before the batchLength field counts: baseOffset and batchLength. */
    public static final int LOG_OVERHEAD = 12;
    /** Size of the batch header that precedes the records. */
    public static final int HEADER_SIZE = 61;
    /** The only supported magic (message format version). */
    public static final byte MAGIC = 2;
    public static final long NO_TIMESTAMP = -1L;
    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;
    public static final int NO_PARTITION_LEADER_EPOCH = -1;
    /** Default limit of decompressed records per batch: 64 MiB. */
    public static final int DEFAULT_MAX_DECOMPRESSED_BYTES = 64 << 20;

    static final int BASE_OFFSET_OFFSET = 0;
    static final int LENGTH_OFFSET = 8;
    static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    static final int MAGIC_OFFSET = 16;
    static final int CRC_OFFSET = 17;
    static final int ATTRIBUTES_OFFSET = 21;
    static final int LAST_OFFSET_DELTA_OFFSET = 23;
    static final int BASE_TIMESTAMP_OFFSET = 27;
    static final int MAX_TIMESTAMP_OFFSET = 35;
    static final int PRODUCER_ID_OFFSET = 43;
    static final int PRODUCER_EPOCH_OFFSET = 51;
    static final int BASE_SEQUENCE_OFFSET = 53;
    static final int RECORDS_COUNT_OFFSET = 57;

    static final int COMPRESSION_MASK = 0x07;
    static final int TIMESTAMP_TYPE_MASK = 0x08;
    static final int TRANSACTIONAL_FLAG_MASK = 0x10;
    static final int CONTROL_FLAG_MASK = 0x20;
    static final int DELETE_HORIZON_FLAG_MASK = 0x40;

    /** Exactly the batch: index 0 is its first byte, capacity its size. */
    private final ByteBuf buf;

    RecordBatch(ByteBuf buf) {
        this.buf = buf;
    }

    /**
     * A view of the batch that fills {@code batch}'s readable bytes; neither index of {@code batch} moves.
     *
     * @throws InvalidRecordException if the magic is not 2, or (corrupt) if the bytes are fewer than a header or
     *                                disagree with batchLength
     */
    public static RecordBatch wrap(ByteBuf batch) {
        requireNonNull(batch, "batch");
        int start = batch.readerIndex();
        int readable = batch.readableBytes();
        if (readable <= MAGIC_OFFSET) {
            throw new InvalidRecordException("record batch of " + readable + " bytes is truncated before its magic"
                + " at byte " + readable, true, readable);
        }
        byte magic = batch.getByte(start + MAGIC_OFFSET);
        if (magic != MAGIC) {
            throw unsupportedMagic(magic, 0);
        }
        if (readable < HEADER_SIZE) {
            throw new InvalidRecordException("record batch of " + readable + " bytes is shorter than its "
                + HEADER_SIZE + "-byte header at byte " + readable, true, readable);
        }
        long declared = batch.getInt(start + LENGTH_OFFSET) + (long) LOG_OVERHEAD;
        if (declared != readable) {
            throw new InvalidRecordException("record batch declares batchLength " + (declared - LOG_OVERHEAD)
                + " (" + declared + " bytes in all) but has " + readable + " bytes at byte " + LENGTH_OFFSET, true,
                LENGTH_OFFSET);
        }
        return new RecordBatch(batch.slice(start, readable));
    }

    static InvalidRecordException unsupportedMagic(byte magic, long at) {
        return new InvalidRecordException("record batch at byte " + at + " has magic " + magic
            + "; only magic 2 (v2 record batches) is supported", false, at);
    }

    /** The batch bytes, as a new duplicate sharing memory (not retained). */
    public ByteBuf buffer() {
        return buf.duplicate();
    }

    public long baseOffset() {
        return buf.getLong(BASE_OFFSET_OFFSET);
    }

    /** Bytes after the batchLength field: {@code sizeInBytes() - 12}. */
    public int batchLength() {
        return buf.getInt(LENGTH_OFFSET);
    }

    public int partitionLeaderEpoch() {
        return buf.getInt(PARTITION_LEADER_EPOCH_OFFSET);
    }

    public byte magic() {
        return buf.getByte(MAGIC_OFFSET);
    }

    /** The stored CRC-32C, unsigned. */
    public long crc() {
        return buf.getUnsignedInt(CRC_OFFSET);
    }

    public short attributes() {
        return buf.getShort(ATTRIBUTES_OFFSET);
    }

    public int lastOffsetDelta() {
        return buf.getInt(LAST_OFFSET_DELTA_OFFSET);
    }

    public long baseTimestamp() {
        return buf.getLong(BASE_TIMESTAMP_OFFSET);
    }

    public long maxTimestamp() {
        return buf.getLong(MAX_TIMESTAMP_OFFSET);
    }

    public long producerId() {
        return buf.getLong(PRODUCER_ID_OFFSET);
    }

    public short producerEpoch() {
        return buf.getShort(PRODUCER_EPOCH_OFFSET);
    }

    public int baseSequence() {
        return buf.getInt(BASE_SEQUENCE_OFFSET);
    }

    /** Sequence of the last record: baseSequence + lastOffsetDelta, wrapping to 0; -1 if not idempotent. */
    public int lastSequence() {
        return RecordIterator.sequence(baseSequence(), lastOffsetDelta());
    }

    /** The declared number of records. */
    public int recordsCount() {
        return buf.getInt(RECORDS_COUNT_OFFSET);
    }

    /**
     * The codec of the records section.
     *
     * @throws InvalidRecordException if the attribute bits hold an unassigned id (5-7)
     */
    public Compression compression() {
        int id = attributes() & COMPRESSION_MASK;
        if (id > Compression.ZSTD.id()) {
            throw new InvalidRecordException("record batch with base offset " + baseOffset()
                + " has unknown compression id " + id + " in its attributes at byte " + ATTRIBUTES_OFFSET, false,
                ATTRIBUTES_OFFSET);
        }
        return Compression.forId(id);
    }

    public TimestampType timestampType() {
        return (attributes() & TIMESTAMP_TYPE_MASK) == 0 ? TimestampType.CREATE_TIME : TimestampType.LOG_APPEND_TIME;
    }

    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_FLAG_MASK) != 0;
    }

    public boolean isControl() {
        return (attributes() & CONTROL_FLAG_MASK) != 0;
    }

    /** Whether baseTimestamp holds the log cleaner's delete horizon (attribute bit 6). */
    public boolean hasDeleteHorizon() {
        return (attributes() & DELETE_HORIZON_FLAG_MASK) != 0;
    }

    /** baseOffset + lastOffsetDelta. */
    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    /** The offset after this batch: lastOffset() + 1. */
    public long nextOffset() {
        return lastOffset() + 1;
    }

    /** Total size of the batch in bytes, header included. */
    public int sizeInBytes() {
        return buf.capacity();
    }

    /** Whether the stored CRC-32C matches the bytes from the attributes to the end. */
    public boolean isValid() {
        return computeCrc() == (int) crc();
    }

    /**
     * Checks the CRC-32C.
     *
     * @throws InvalidRecordException (corrupt) if it does not match
     */
    public void ensureValid() {
        int computed = computeCrc();
        if (computed != (int) crc()) {
            throw new InvalidRecordException(String.format("record batch with base offset %d is corrupt: stored CRC "
                + "0x%08x (at byte %d) but the bytes give 0x%08x", baseOffset(), crc(), CRC_OFFSET, computed), true,
                CRC_OFFSET);
        }
    }

    /** Stamps the base offset in place; the CRC does not cover it. */
    public void setBaseOffset(long baseOffset) {
        buf.setLong(BASE_OFFSET_OFFSET, baseOffset);
    }

    /** Stamps the partition leader epoch in place; the CRC does not cover it. */
    public void setPartitionLeaderEpoch(int epoch) {
        buf.setInt(PARTITION_LEADER_EPOCH_OFFSET, epoch);
    }

    /**
     * Sets the timestamp type and maxTimestamp in place, as a broker does for LogAppendTime, and recomputes the CRC
     * (nothing is written when both already hold these values).
     */
    public void setMaxTimestamp(TimestampType type, long maxTimestamp) {
        requireNonNull(type, "type");
        if (timestampType() == type && maxTimestamp() == maxTimestamp) {
            return;
        }
        int attributes = attributes() & ~TIMESTAMP_TYPE_MASK
            | (type == TimestampType.LOG_APPEND_TIME ? TIMESTAMP_TYPE_MASK : 0);
        buf.setShort(ATTRIBUTES_OFFSET, attributes);
        buf.setLong(MAX_TIMESTAMP_OFFSET, maxTimestamp);
        buf.setInt(CRC_OFFSET, computeCrc());
    }

    /** The records, decompressing at most {@link #DEFAULT_MAX_DECOMPRESSED_BYTES}; see {@link #records(int)}. */
    public Iterable<Record> records() {
        return records(DEFAULT_MAX_DECOMPRESSED_BYTES);
    }

    /**
     * The records in order. Each {@code iterator()} call parses afresh: uncompressed records lazily and without
     * copying, compressed ones after decompressing the whole section once into an unpooled heap buffer of at most
     * {@code maxDecompressedBytes}. A batch declaring 0 records has none, whatever its section holds.
     *
     * <p>Iterating throws {@link InvalidRecordException}, naming the record and byte, for an unknown codec, data
     * that does not decompress or decompresses past the limit, a malformed or truncated record, and a record count
     * that does not match the section (also after the last record, when bytes are left over).
     */
    public Iterable<Record> records(int maxDecompressedBytes) {
        if (maxDecompressedBytes < 0) {
            throw new IllegalArgumentException("maxDecompressedBytes must not be negative, was "
                + maxDecompressedBytes);
        }
        return () -> iterator(maxDecompressedBytes);
    }

    private Iterator<Record> iterator(int maxDecompressedBytes) {
        int count = recordsCount();
        if (count < 0) {
            throw new InvalidRecordException("record batch with base offset " + baseOffset()
                + " declares a negative recordsCount " + count + " at byte " + RECORDS_COUNT_OFFSET, false,
                RECORDS_COUNT_OFFSET);
        }
        Compression compression = compression();
        if (count == 0) {
            return Collections.emptyIterator();
        }
        ByteBuf section = buf.slice(HEADER_SIZE, buf.capacity() - HEADER_SIZE);
        if (compression == Compression.NONE) {
            return new RecordIterator(this, section, HEADER_SIZE, "of the batch");
        }
        return new RecordIterator(this, decompress(compression, section, maxDecompressedBytes), 0,
            "of the decompressed records");
    }

    private ByteBuf decompress(Compression compression, ByteBuf section, int maxBytes) {
        String what = "cannot decompress the " + compression.configName() + " records of the batch with base offset "
            + baseOffset() + ": ";
        try {
            return CompressionCodec.of(compression).decompress(section, maxBytes);
        } catch (InvalidRecordException e) {
            if (e.byteOffset() < 0) {
                throw new InvalidRecordException(what + e.getMessage(), e.corrupt(), -1, e);
            }
            long at = HEADER_SIZE + e.byteOffset();
            throw new InvalidRecordException(what + e.getMessage() + " of the records section (byte " + at
                + " of the batch)", e.corrupt(), at, e);
        } catch (RuntimeException e) {
            throw new InvalidRecordException(what + e, false, HEADER_SIZE, e);
        }
    }

    private int computeCrc() {
        return Crc32c.compute(buf, ATTRIBUTES_OFFSET, buf.capacity() - ATTRIBUTES_OFFSET);
    }

    @Override
    public String toString() {
        return "RecordBatch(baseOffset=" + baseOffset() + ", lastOffset=" + lastOffset() + ", records="
            + recordsCount() + ", size=" + sizeInBytes()
            + ", attributes=0x" + Integer.toHexString(attributes() & 0xffff)
            + ", producerId=" + producerId() + ", epoch=" + producerEpoch() + ", baseSequence=" + baseSequence() + ")";
    }
}
