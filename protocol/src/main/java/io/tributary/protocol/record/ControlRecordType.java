package io.tributary.protocol.record;

import io.netty.buffer.ByteBuf;

/**
 * The type in the key of a control record (key = int16 version + int16 type). ABORT and COMMIT are transaction
 * markers; types 2-6 are written by KRaft; any other type reads as {@link #UNKNOWN}.
 *
 * @since 0.1
 */
public enum ControlRecordType {
    ABORT(0),
    COMMIT(1),
    LEADER_CHANGE(2),
    SNAPSHOT_HEADER(3),
    SNAPSHOT_FOOTER(4),
    KRAFT_VERSION(5),
    KRAFT_VOTERS(6),
    /** A type this version does not know; readers skip such records. */
    UNKNOWN(-1);

    /** Size of a control record key: int16 version + int16 type. */
    public static final int KEY_SIZE = 4;
    private static final short CURRENT_KEY_VERSION = 0;

    private final short type;

    ControlRecordType(int type) {
        this.type = (short) type;
    }

    /** The type id written in the key, -1 for {@link #UNKNOWN}. */
    public short type() {
        return type;
    }

    /** The constant for a type id; {@link #UNKNOWN} when the id is not known. */
    public static ControlRecordType forType(short type) {
        return type >= 0 && type <= 6 ? values()[type] : UNKNOWN;
    }

    /**
     * Reads the type from a control record key (its readable bytes; the reader index is not moved). A key version
     * above 0 is accepted, as Kafka does, since the type keeps its place.
     *
     * @throws InvalidRecordException if the key is shorter than 4 bytes or its version is negative
     */
    public static ControlRecordType parse(ByteBuf key) {
        if (key.readableBytes() < KEY_SIZE) {
            throw new InvalidRecordException("control record key has " + key.readableBytes()
                + " bytes, needs at least " + KEY_SIZE, false, -1);
        }
        short version = key.getShort(key.readerIndex());
        if (version < 0) {
            throw new InvalidRecordException("control record key has negative version " + version, false, -1);
        }
        return forType(key.getShort(key.readerIndex() + 2));
    }

    /** Writes the 4-byte key of a control record of this type. */
    public void writeKey(ByteBuf out) {
        if (this == UNKNOWN) {
            throw new IllegalStateException("cannot write a control record of type UNKNOWN");
        }
        out.writeShort(CURRENT_KEY_VERSION);
        out.writeShort(type);
    }
}
