package io.tributary.protocol.record;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.common.Header;
import io.tributary.protocol.internal.CompressionCodec;
import io.tributary.protocol.internal.Crc32c;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds one record batch (magic 2) into a Netty buffer: set the header fields, {@code append} records, then
 * {@link #build()} computes the CRC-32C and hands over the buffer.
 *
 * <pre>{@code
 * ByteBuf batch = RecordBatchBuilder.create()
 *         .compression(Compression.LZ4)
 *         .producer(producerId, epoch, baseSequence)
 *         .append(now, keyBytes, valueBytes)
 *         .build();   // the caller owns (and eventually releases) the buffer
 * }</pre>
 *
 * <p>Uncompressed records are written straight into the batch buffer; compressed ones go to a scratch buffer from
 * the same allocator that {@code build()} compresses in one pass and releases. Defaults: allocator
 * {@link ByteBufAllocator#DEFAULT}, initial capacity 1024 bytes, no compression, CreateTime, base offset 0, not
 * idempotent (producer id, epoch and base sequence -1), not transactional, not a control batch, partition leader
 * epoch -1. The allocator, initial capacity and compression must be set before the first append; the other fields
 * may change until {@code build()}. Offsets are {@code baseOffset + 0, 1, 2...} unless appended with
 * {@link #appendWithOffset}.
 *
 * <p>Not thread-safe; one builder makes one batch. A builder that will not be built must be {@link #release()}d,
 * or its pooled buffer leaks. Bad arguments throw {@link IllegalArgumentException} or
 * {@link NullPointerException}; calls out of order and inconsistent producer fields throw
 * {@link IllegalStateException}.
 *
 * @since 0.1
 */
public final class RecordBatchBuilder {
    private static final int DEFAULT_INITIAL_CAPACITY = 1024;
    /** Largest record overhead besides key, value and headers: length, attributes, deltas, lengths, count. */
    private static final int MAX_RECORD_OVERHEAD = 5 + 1 + 10 + 5 + 5 + 5 + 5;

    private ByteBufAllocator allocator;
    private int initialCapacity = DEFAULT_INITIAL_CAPACITY;
    private Compression compression = Compression.NONE;
    private long baseOffset;
    private TimestampType timestampType = TimestampType.CREATE_TIME;
    private long logAppendTime = RecordBatch.NO_TIMESTAMP;
    private long producerId = RecordBatch.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
    private int baseSequence = RecordBatch.NO_SEQUENCE;
    private boolean transactional;
    private boolean control;
    private int partitionLeaderEpoch = RecordBatch.NO_PARTITION_LEADER_EPOCH;

    /** Uncompressed: the whole batch, header bytes reserved. Compressed: the records section only. */
    private @Nullable ByteBuf buffer;
    private int count;
    private long lastOffsetDelta = -1;
    private long baseTimestamp = RecordBatch.NO_TIMESTAMP;
    private long maxTimestamp = RecordBatch.NO_TIMESTAMP;
    private boolean done;

    private RecordBatchBuilder(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    /** A builder with the defaults listed above. */
    public static RecordBatchBuilder create() {
        return new RecordBatchBuilder(ByteBufAllocator.DEFAULT);
    }

    /** A builder that allocates from {@code allocator}. */
    public static RecordBatchBuilder create(ByteBufAllocator allocator) {
        return new RecordBatchBuilder(requireNonNull(allocator, "allocator"));
    }

    /**
     * Writes a complete control batch holding one ABORT or COMMIT marker: transactional, control, base sequence -1.
     *
     * @return a new buffer owned by the caller
     */
    public static ByteBuf endTransactionMarker(ByteBufAllocator allocator, EndTransactionMarker marker,
                                               long baseOffset, long timestamp, long producerId,
                                               short producerEpoch, int partitionLeaderEpoch) {
        requireNonNull(marker, "marker");
        short type = marker.type().type();
        int epoch = marker.coordinatorEpoch();
        byte[] key = {0, 0, (byte) (type >> 8), (byte) type};
        byte[] value = {0, 0, (byte) (epoch >>> 24), (byte) (epoch >>> 16), (byte) (epoch >>> 8), (byte) epoch};
        return create(allocator)
            .initialCapacity(RecordBatch.HEADER_SIZE + 32)
            .baseOffset(baseOffset)
            .producer(producerId, producerEpoch, RecordBatch.NO_SEQUENCE)
            .transactional(true)
            .control(true)
            .partitionLeaderEpoch(partitionLeaderEpoch)
            .append(timestamp, key, value)
            .build();
    }

    /**
     * Upper bound of the bytes one record adds to an uncompressed batch, for sizing decisions before appending.
     *
     * @param keySize   key length, or -1 for a null key
     * @param valueSize value length, or -1 for a null value
     */
    public static int recordSizeUpperBound(int keySize, int valueSize, List<Header> headers) {
        long size = MAX_RECORD_OVERHEAD + Math.max(0, keySize) + Math.max(0, valueSize)
            + RecordWriter.headersSize(headers);
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    /** The allocator for the batch and scratch buffers. */
    public RecordBatchBuilder allocator(ByteBufAllocator allocator) {
        requireNonNull(allocator, "allocator");
        requireNoRecords("allocator");
        this.allocator = allocator;
        return this;
    }

    /** Initial capacity of the buffer records are written to, e.g. the expected batch size; default 1024. */
    public RecordBatchBuilder initialCapacity(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("initialCapacity must not be negative, was " + initialCapacity);
        }
        requireNoRecords("initialCapacity");
        this.initialCapacity = initialCapacity;
        return this;
    }

    /** The codec for the records section; default {@link Compression#NONE}. */
    public RecordBatchBuilder compression(Compression compression) {
        requireNonNull(compression, "compression");
        requireNoRecords("compression");
        this.compression = compression;
        return this;
    }

    /** The offset of the first record; default 0 (producers send 0, the broker stamps the real one). */
    public RecordBatchBuilder baseOffset(long baseOffset) {
        requireOpen();
        this.baseOffset = baseOffset;
        return this;
    }

    /** Uses CreateTime (the default): every record keeps the timestamp it was appended with. */
    public RecordBatchBuilder createTime() {
        requireOpen();
        this.timestampType = TimestampType.CREATE_TIME;
        this.logAppendTime = RecordBatch.NO_TIMESTAMP;
        return this;
    }

    /** Uses LogAppendTime: maxTimestamp, and so every record's timestamp, becomes {@code logAppendTime}. */
    public RecordBatchBuilder logAppendTime(long logAppendTime) {
        requireOpen();
        requireTimestamp(logAppendTime);
        this.timestampType = TimestampType.LOG_APPEND_TIME;
        this.logAppendTime = logAppendTime;
        return this;
    }

    /**
     * The idempotent producer fields; default -1, -1, -1 (not idempotent). A batch with a producer id needs an
     * epoch, and a base sequence unless it is a control batch.
     */
    public RecordBatchBuilder producer(long producerId, short producerEpoch, int baseSequence) {
        requireOpen();
        requireAtLeastMinusOne(producerId, "producerId");
        requireAtLeastMinusOne(producerEpoch, "producerEpoch");
        requireAtLeastMinusOne(baseSequence, "baseSequence");
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
        return this;
    }

    /** Marks the batch as part of a transaction (needs a producer id); default false. */
    public RecordBatchBuilder transactional(boolean transactional) {
        requireOpen();
        this.transactional = transactional;
        return this;
    }

    /** Marks the batch as a control batch, whose records all have a control key; default false. */
    public RecordBatchBuilder control(boolean control) {
        requireOpen();
        this.control = control;
        return this;
    }

    /** The partition leader epoch; default -1 (producers send -1, the broker stamps it). */
    public RecordBatchBuilder partitionLeaderEpoch(int partitionLeaderEpoch) {
        requireOpen();
        this.partitionLeaderEpoch = partitionLeaderEpoch;
        return this;
    }

    /** Appends a record without headers at the next offset. */
    public RecordBatchBuilder append(long timestamp, byte @Nullable [] key, byte @Nullable [] value) {
        return appendRecord(nextOffsetDelta(), timestamp, key, null, value, null, List.of());
    }

    /** Appends a record at the next offset. */
    public RecordBatchBuilder append(long timestamp, byte @Nullable [] key, byte @Nullable [] value,
                                     List<Header> headers) {
        return appendRecord(nextOffsetDelta(), timestamp, key, null, value, null, headers);
    }

    /** Appends a record at the next offset, copying the readable bytes of key and value (their indexes stay). */
    public RecordBatchBuilder append(long timestamp, @Nullable ByteBuf key, @Nullable ByteBuf value,
                                     List<Header> headers) {
        return appendRecord(nextOffsetDelta(), timestamp, null, key, null, value, headers);
    }

    /**
     * Appends a record at an explicit offset, which must be above the last one and within 2^31 - 1 of the base
     * offset (gaps are allowed, as in compacted logs).
     */
    public RecordBatchBuilder appendWithOffset(long offset, long timestamp, @Nullable ByteBuf key,
                                               @Nullable ByteBuf value, List<Header> headers) {
        long delta = offset - baseOffset;
        if (delta <= lastOffsetDelta || delta > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + offset + " must be above the last offset "
                + (baseOffset + lastOffsetDelta) + " and at most baseOffset + " + Integer.MAX_VALUE);
        }
        return appendRecord((int) delta, timestamp, null, key, null, value, headers);
    }

    /** Records appended so far. */
    public int recordCount() {
        return count;
    }

    /** Size of the batch so far if it were not compressed: the 61-byte header plus the records written. */
    public int uncompressedSizeInBytes() {
        ByteBuf b = buffer;
        if (b == null) {
            return RecordBatch.HEADER_SIZE;
        }
        return compression == Compression.NONE ? b.writerIndex() : RecordBatch.HEADER_SIZE + b.writerIndex();
    }

    /**
     * Finishes the batch: compresses the records if asked, writes the header and the CRC-32C.
     *
     * @return the batch (reader index 0, writer index at its end), owned by the caller
     * @throws IllegalStateException if no record was appended, the builder was already built or released, or the
     *                               producer fields are inconsistent
     */
    public ByteBuf build() {
        requireOpen();
        if (count == 0) {
            throw new IllegalStateException("cannot build a record batch without records");
        }
        requireConsistentProducer();
        ByteBuf records = requireNonNull(buffer);
        buffer = null;
        done = true;
        ByteBuf batch = records;
        if (compression != Compression.NONE) {
            CompressionCodec codec = CompressionCodec.of(compression);
            batch = allocator.buffer(RecordBatch.HEADER_SIZE + codec.maxCompressedLength(records.readableBytes()));
            try {
                batch.writerIndex(RecordBatch.HEADER_SIZE);
                codec.compress(records, batch);
            } catch (RuntimeException e) {
                batch.release();
                throw e;
            } finally {
                records.release();
            }
        }
        writeHeader(batch);
        return batch;
    }

    /** Discards the records and releases the buffers, unless already built; idempotent. */
    public void release() {
        ByteBuf b = buffer;
        buffer = null;
        done = true;
        if (b != null) {
            b.release();
        }
    }

    private void writeHeader(ByteBuf batch) {
        int size = batch.writerIndex();
        int attributes = compression.id()
            | (timestampType == TimestampType.LOG_APPEND_TIME ? RecordBatch.TIMESTAMP_TYPE_MASK : 0)
            | (transactional ? RecordBatch.TRANSACTIONAL_FLAG_MASK : 0)
            | (control ? RecordBatch.CONTROL_FLAG_MASK : 0);
        batch.setLong(RecordBatch.BASE_OFFSET_OFFSET, baseOffset);
        batch.setInt(RecordBatch.LENGTH_OFFSET, size - RecordBatch.LOG_OVERHEAD);
        batch.setInt(RecordBatch.PARTITION_LEADER_EPOCH_OFFSET, partitionLeaderEpoch);
        batch.setByte(RecordBatch.MAGIC_OFFSET, RecordBatch.MAGIC);
        batch.setShort(RecordBatch.ATTRIBUTES_OFFSET, attributes);
        batch.setInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, (int) lastOffsetDelta);
        batch.setLong(RecordBatch.BASE_TIMESTAMP_OFFSET, baseTimestamp);
        batch.setLong(RecordBatch.MAX_TIMESTAMP_OFFSET,
            timestampType == TimestampType.LOG_APPEND_TIME ? logAppendTime : maxTimestamp);
        batch.setLong(RecordBatch.PRODUCER_ID_OFFSET, producerId);
        batch.setShort(RecordBatch.PRODUCER_EPOCH_OFFSET, producerEpoch);
        batch.setInt(RecordBatch.BASE_SEQUENCE_OFFSET, baseSequence);
        batch.setInt(RecordBatch.RECORDS_COUNT_OFFSET, count);
        batch.setInt(RecordBatch.CRC_OFFSET,
            Crc32c.compute(batch, RecordBatch.ATTRIBUTES_OFFSET, size - RecordBatch.ATTRIBUTES_OFFSET));
    }

    private int nextOffsetDelta() {
        if (lastOffsetDelta >= Integer.MAX_VALUE) {
            throw new IllegalStateException("record batch is full: offset delta would pass " + Integer.MAX_VALUE);
        }
        return (int) lastOffsetDelta + 1;
    }

    private RecordBatchBuilder appendRecord(int offsetDelta, long timestamp, byte @Nullable [] keyArray,
                                            @Nullable ByteBuf keyBuf, byte @Nullable [] valueArray,
                                            @Nullable ByteBuf valueBuf, List<Header> headers) {
        requireOpen();
        requireTimestamp(timestamp);
        requireNonNull(headers, "headers");
        int keySize = keyArray != null ? keyArray.length : keyBuf != null ? keyBuf.readableBytes() : -1;
        int valueSize = valueArray != null ? valueArray.length : valueBuf != null ? valueBuf.readableBytes() : -1;
        if (control && keySize < 0) {
            throw new IllegalArgumentException("records of a control batch need a key");
        }
        long firstTimestamp = count == 0 ? timestamp : baseTimestamp;
        long timestampDelta = timestamp - firstTimestamp;
        long body = RecordWriter.bodySize(timestampDelta, offsetDelta, keySize, valueSize, headers);
        if (body > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("record of " + body + " bytes is too large");
        }
        RecordWriter.write(buffer(), (int) body, timestampDelta, offsetDelta, keySize, keyArray, keyBuf, valueSize,
            valueArray, valueBuf, headers);
        baseTimestamp = firstTimestamp;
        maxTimestamp = count == 0 ? timestamp : Math.max(maxTimestamp, timestamp);
        lastOffsetDelta = offsetDelta;
        count++;
        return this;
    }

    private ByteBuf buffer() {
        ByteBuf b = buffer;
        if (b == null) {
            if (compression == Compression.NONE) {
                b = allocator.buffer(Math.max(initialCapacity, RecordBatch.HEADER_SIZE + 16));
                b.writerIndex(RecordBatch.HEADER_SIZE);
            } else {
                b = allocator.buffer(initialCapacity);
            }
            buffer = b;
        }
        return b;
    }

    private void requireConsistentProducer() {
        if (transactional && producerId == RecordBatch.NO_PRODUCER_ID) {
            throw new IllegalStateException("a transactional batch needs a producer id");
        }
        if (producerId != RecordBatch.NO_PRODUCER_ID) {
            if (producerEpoch == RecordBatch.NO_PRODUCER_EPOCH) {
                throw new IllegalStateException("producer id " + producerId + " needs a producer epoch");
            }
            if (baseSequence == RecordBatch.NO_SEQUENCE && !control) {
                throw new IllegalStateException("producer id " + producerId + " needs a base sequence");
            }
        }
    }

    private void requireOpen() {
        if (done) {
            throw new IllegalStateException("this builder was already built or released");
        }
    }

    private void requireNoRecords(String setting) {
        requireOpen();
        if (buffer != null) {
            throw new IllegalStateException(setting + " must be set before the first append");
        }
    }

    private static void requireTimestamp(long timestamp) {
        if (timestamp < RecordBatch.NO_TIMESTAMP) {
            throw new IllegalArgumentException("timestamp must be -1 (none) or non-negative, was " + timestamp);
        }
    }

    private static void requireAtLeastMinusOne(long value, String name) {
        if (value < -1) {
            throw new IllegalArgumentException(name + " must be -1 (none) or non-negative, was " + value);
        }
    }
}
