package io.tributary.protocol.record;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;

/**
 * The content of an ABORT or COMMIT control record: the marker type and the coordinator epoch (value = int16
 * version 0 + int32 coordinatorEpoch). Write one with {@link RecordBatchBuilder#endTransactionMarker}.
 *
 * @param type             {@link ControlRecordType#ABORT} or {@link ControlRecordType#COMMIT}
 * @param coordinatorEpoch the epoch of the transaction coordinator that wrote the marker
 * @since 0.1
 */
public record EndTransactionMarker(ControlRecordType type, int coordinatorEpoch) {
    /** Size of the marker value: int16 version + int32 coordinator epoch. */
    public static final int VALUE_SIZE = 6;
    private static final short CURRENT_VALUE_VERSION = 0;

    /** @throws IllegalArgumentException unless {@code type} is ABORT or COMMIT */
    public EndTransactionMarker {
        requireNonNull(type, "type");
        if (type != ControlRecordType.ABORT && type != ControlRecordType.COMMIT) {
            throw new IllegalArgumentException("an end transaction marker is ABORT or COMMIT, not " + type);
        }
    }

    /**
     * Reads the marker of a control record.
     *
     * @throws InvalidRecordException if the key is not an ABORT or COMMIT key or the value is missing, shorter
     *                                than 6 bytes or has a negative version
     */
    public static EndTransactionMarker read(Record record) {
        ByteBuf key = record.key();
        if (key == null) {
            throw new InvalidRecordException("control record at offset " + record.offset() + " has no key", false, -1);
        }
        ControlRecordType type = ControlRecordType.parse(key);
        if (type != ControlRecordType.ABORT && type != ControlRecordType.COMMIT) {
            throw new InvalidRecordException("control record at offset " + record.offset() + " is " + type
                + ", not an end transaction marker", false, -1);
        }
        ByteBuf value = record.value();
        if (value == null || value.readableBytes() < VALUE_SIZE) {
            throw new InvalidRecordException("end transaction marker at offset " + record.offset() + " has "
                + (value == null ? "no value" : value.readableBytes() + " value bytes, needs " + VALUE_SIZE),
                false, -1);
        }
        short version = value.getShort(value.readerIndex());
        if (version < 0) {
            throw new InvalidRecordException("end transaction marker at offset " + record.offset()
                + " has negative version " + version, false, -1);
        }
        return new EndTransactionMarker(type, value.getInt(value.readerIndex() + 2));
    }

    /** Writes the 6-byte marker value. */
    public void writeValue(ByteBuf out) {
        out.writeShort(CURRENT_VALUE_VERSION);
        out.writeInt(coordinatorEpoch);
    }
}
