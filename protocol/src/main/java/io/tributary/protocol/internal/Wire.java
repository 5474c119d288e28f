package io.tributary.protocol.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.tributary.protocol.MessageDecodeException;
import io.tributary.protocol.RawTaggedField;
import io.tributary.protocol.UnsupportedVersionException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Primitive encodings of the Kafka protocol used by the generated message classes: unsigned varints, classic and
 * compact strings, bytes, arrays and records, UUIDs and tagged-field sections.
 *
 * <p>Every length read from the wire is checked against the bytes that remain before anything is allocated, so a
 * hostile length can cost at most the size of the frame already in memory. Stateless and thread-safe.
 */
public final class Wire {
    public static final byte[] EMPTY_BYTES = new byte[0];
    public static final UUID ZERO_UUID = new UUID(0L, 0L);
    private static final int MAX_STRING_BYTES = Short.MAX_VALUE;
    private static final int ZERO_COPY_MIN_BYTES = 4096;

    private Wire() {
    }

    /** Fails unless {@code lowest <= version <= highest}. */
    public static void requireVersion(short version, short lowest, short highest, String message) {
        if (version < lowest || version > highest) {
            throw new UnsupportedVersionException(message + " has versions " + lowest + "-" + highest
                + ", not " + version);
        }
    }

    // ---- unsigned varints ----

    /** Reads an unsigned varint of at most five bytes. */
    public static int readUnsignedVarint(ByteBuf in) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = in.readByte();
            value |= (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new MessageDecodeException("unsigned varint is longer than 5 bytes");
    }

    public static void writeUnsignedVarint(ByteBuf out, int value) {
        if ((value & ~0x7f) == 0) {
            out.writeByte(value);
            return;
        }
        if ((value & ~0x3fff) == 0) {
            out.writeShort(((value & 0x7f) | 0x80) << 8 | (value >>> 7));
            return;
        }
        while ((value & ~0x7f) != 0) {
            out.writeByte((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    public static int unsignedVarintSize(int value) {
        int bits = 32 - Integer.numberOfLeadingZeros(value | 1);
        return (bits + 6) / 7;
    }

    // ---- strings ----

    public static @Nullable String readString(ByteBuf in, boolean compact, boolean nullable, String field) {
        int length = compact ? readUnsignedVarint(in) - 1 : in.readShort();
        if (length < 0) {
            return nullOrFail(length, nullable, field);
        }
        checkRemaining(in, length, field);
        String s = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return s;
    }

    public static void writeString(ByteBuf out, @Nullable String value, boolean compact, boolean nullable,
                                   String field) {
        if (value == null) {
            writeNull(out, compact, nullable, field, false);
            return;
        }
        int length = ByteBufUtil.utf8Bytes(value);
        if (length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException(field + " is " + length + " bytes; strings are limited to "
                + MAX_STRING_BYTES);
        }
        if (compact) {
            writeUnsignedVarint(out, length + 1);
        } else {
            out.writeShort(length);
        }
        ByteBufUtil.reserveAndWriteUtf8(out, value, length);
    }

    // ---- bytes and records ----

    public static byte @Nullable [] readBytes(ByteBuf in, boolean compact, boolean nullable, String field) {
        int length = compact ? readUnsignedVarint(in) - 1 : in.readInt();
        if (length < 0) {
            nullOrFail(length, nullable, field);
            return null;
        }
        checkRemaining(in, length, field);
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return bytes;
    }

    public static void writeBytes(ByteBuf out, byte @Nullable [] value, boolean compact, boolean nullable,
                                  String field) {
        if (value == null) {
            writeNull(out, compact, nullable, field, true);
            return;
        }
        writeLength(out, value.length, compact);
        out.writeBytes(value);
    }

    /** Reads a records field as a slice of {@code in}: no copy, valid as long as {@code in} is. */
    public static @Nullable ByteBuf readRecords(ByteBuf in, boolean compact, boolean nullable, String field) {
        int length = compact ? readUnsignedVarint(in) - 1 : in.readInt();
        if (length < 0) {
            return nullOrFail(length, nullable, field);
        }
        checkRemaining(in, length, field);
        return in.readSlice(length);
    }

    /**
     * Writes the readable bytes of {@code value} without changing its indexes. While a {@link RecordsCollector} is
     * active for {@code out}, large record sets are referenced instead of copied, so that a Fetch response or Produce
     * request of many megabytes is framed without touching its record bytes.
     */
    public static void writeRecords(ByteBuf out, @Nullable ByteBuf value, boolean compact, boolean nullable,
                                    String field) {
        if (value == null) {
            writeNull(out, compact, nullable, field, true);
            return;
        }
        int length = value.readableBytes();
        writeLength(out, length, compact);
        RecordsCollector collector = length >= ZERO_COPY_MIN_BYTES ? RecordsCollector.activeFor(out) : null;
        if (collector != null) {
            collector.add(value, value.readerIndex(), length);
        } else {
            out.writeBytes(value, value.readerIndex(), length);
        }
    }

    // ---- uuid ----

    public static UUID readUuid(ByteBuf in) {
        long msb = in.readLong();
        long lsb = in.readLong();
        return msb == 0 && lsb == 0 ? ZERO_UUID : new UUID(msb, lsb);
    }

    public static void writeUuid(ByteBuf out, UUID value) {
        out.writeLong(value.getMostSignificantBits());
        out.writeLong(value.getLeastSignificantBits());
    }

    // ---- arrays and structs ----

    /** Reads an array length: -1 for a null array; fails if more elements are declared than bytes remain. */
    public static int readArrayLength(ByteBuf in, boolean compact, boolean nullable, String field) {
        int length = compact ? readUnsignedVarint(in) - 1 : in.readInt();
        if (length < 0) {
            nullOrFail(length, nullable, field);
            return -1;
        }
        if (length > in.readableBytes()) {
            throw new MessageDecodeException(field + " declares " + length + " elements but only "
                + in.readableBytes() + " bytes remain");
        }
        return length;
    }

    /** Writes an array length; {@code -1} writes null. */
    public static void writeArrayLength(ByteBuf out, int length, boolean compact, boolean nullable, String field) {
        if (length < 0) {
            writeNull(out, compact, nullable, field, true);
            return;
        }
        writeLength(out, length, compact);
    }

    /** Reads the presence marker of a nullable struct: -1 means null. */
    public static boolean readStructPresent(ByteBuf in, boolean nullable, String field) {
        if (!nullable) {
            return true;
        }
        return in.readByte() >= 0;
    }

    /** Writes the presence marker of a nullable struct and says whether its body follows. */
    public static boolean writeStructPresent(ByteBuf out, @Nullable Object value, boolean nullable, String field) {
        if (!nullable) {
            if (value == null) {
                throw new NullPointerException(field + " is null but not nullable in this version");
            }
            return true;
        }
        out.writeByte(value == null ? -1 : 1);
        return value != null;
    }

    // ---- tagged fields ----

    /** Reads a tagged field's size and returns its payload as a slice. */
    public static ByteBuf readTaggedField(ByteBuf in) {
        int size = readUnsignedVarint(in);
        if (size < 0) {
            throw new MessageDecodeException("tagged field has negative size " + size);
        }
        checkRemaining(in, size, "tagged field");
        return in.readSlice(size);
    }

    /** Appends an unknown tagged field to {@code list}, copying its bytes; returns the (possibly new) list. */
    public static List<RawTaggedField> addUnknown(List<RawTaggedField> list, int tag, ByteBuf payload) {
        if (tag < 0) {
            throw new MessageDecodeException("tag " + Integer.toUnsignedString(tag) + " is out of range");
        }
        List<RawTaggedField> out = list instanceof ArrayList ? list : new ArrayList<>(list);
        out.add(new RawTaggedField(tag, ByteBufUtil.getBytes(payload)));
        return out;
    }

    /** Writes unknown fields from index {@code from} whose tag is below {@code limit}; returns the next index. */
    public static int writeUnknownBelow(ByteBuf out, List<RawTaggedField> unknown, int from, int limit) {
        int i = from;
        while (i < unknown.size() && unknown.get(i).tag() < limit) {
            RawTaggedField f = unknown.get(i++);
            writeUnsignedVarint(out, f.tag());
            writeUnsignedVarint(out, f.size());
            out.writeBytes(f.data());
        }
        return i;
    }

    /** A scratch buffer for one tagged field's payload, whose size must precede it on the wire. */
    public static ByteBuf tagBuffer(ByteBuf out) {
        return out.alloc().heapBuffer(64);
    }

    public static void writeTaggedField(ByteBuf out, int tag, ByteBuf payload) {
        writeUnsignedVarint(out, tag);
        writeUnsignedVarint(out, payload.readableBytes());
        out.writeBytes(payload);
    }

    // ---- sizes ----

    /** Encoded size of a string field; null takes the null marker's size. */
    public static int stringSize(@Nullable String value, boolean compact) {
        if (value == null) {
            return compact ? 1 : 2;
        }
        int length = ByteBufUtil.utf8Bytes(value);
        return (compact ? unsignedVarintSize(length + 1) : 2) + length;
    }

    /** Encoded size of a bytes field. */
    public static int bytesSize(byte @Nullable [] value, boolean compact) {
        return value == null ? (compact ? 1 : 4) : lengthSize(value.length, compact) + value.length;
    }

    /** Encoded size of a records field. */
    public static int recordsSize(@Nullable ByteBuf value, boolean compact) {
        return value == null ? (compact ? 1 : 4) : lengthSize(value.readableBytes(), compact) + value.readableBytes();
    }

    /** Encoded size of an array length; -1 is null. */
    public static int arrayLengthSize(int length, boolean compact) {
        return length < 0 ? (compact ? 1 : 4) : lengthSize(length, compact);
    }

    private static int lengthSize(int length, boolean compact) {
        return compact ? unsignedVarintSize(length + 1) : 4;
    }

    // ---- toString helpers ----

    public static String describe(byte @Nullable [] bytes) {
        return bytes == null ? "null" : "bytes[" + bytes.length + "]";
    }

    public static String describe(@Nullable ByteBuf records) {
        return records == null ? "null" : "records[" + records.readableBytes() + " bytes]";
    }

    // ---- internals ----

    private static void writeLength(ByteBuf out, int length, boolean compact) {
        if (compact) {
            writeUnsignedVarint(out, length + 1);
        } else {
            out.writeInt(length);
        }
    }

    private static void writeNull(ByteBuf out, boolean compact, boolean nullable, String field, boolean wide) {
        if (!nullable) {
            throw new NullPointerException(field + " is null but not nullable in this version");
        }
        if (compact) {
            out.writeByte(0);
        } else if (wide) {
            out.writeInt(-1);
        } else {
            out.writeShort(-1);
        }
    }

    private static <T> @Nullable T nullOrFail(int length, boolean nullable, String field) {
        if (length == -1 && nullable) {
            return null;
        }
        throw new MessageDecodeException(length == -1 ? field + " is null but not nullable in this version"
            : field + " has negative length " + length);
    }

    private static void checkRemaining(ByteBuf in, int length, String field) {
        if (length > in.readableBytes()) {
            throw new MessageDecodeException(field + " declares " + length + " bytes but only "
                + in.readableBytes() + " remain");
        }
    }
}
