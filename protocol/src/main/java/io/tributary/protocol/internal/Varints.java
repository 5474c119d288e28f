package io.tributary.protocol.internal;

import io.netty.buffer.ByteBuf;
import io.tributary.protocol.record.InvalidRecordException;

/**
 * Zigzag-encoded signed varints and varlongs, as used inside record batches (lengths, deltas, header counts).
 * The protocol's unsigned varints are in {@code Wire}.
 *
 * <p>Readers consume from the reader index and fail with {@link InvalidRecordException} when a varint is longer
 * than 5 (varlong: 10) bytes or overflows 32 (64) bits, with the buffer index where it started as
 * {@link InvalidRecordException#byteOffset()}; running out of bytes surfaces as Netty's
 * {@link IndexOutOfBoundsException}. Stateless and thread-safe.
 */
public final class Varints {
    private Varints() {
    }

    /** Bytes taken by {@code value} as a zigzag varint (1-5). */
    public static int sizeOfVarint(int value) {
        int v = (value << 1) ^ (value >> 31);
        return (31 - Integer.numberOfLeadingZeros(v | 1)) / 7 + 1;
    }

    /** Bytes taken by {@code value} as a zigzag varlong (1-10). */
    public static int sizeOfVarlong(long value) {
        long v = (value << 1) ^ (value >> 63);
        return (63 - Long.numberOfLeadingZeros(v | 1)) / 7 + 1;
    }

    /** Writes {@code value} as a zigzag varint at the writer index. */
    public static void writeVarint(ByteBuf out, int value) {
        int v = (value << 1) ^ (value >> 31);
        if ((v & ~0x7f) == 0) {
            out.writeByte(v);
        } else if ((v & ~0x3fff) == 0) {
            out.writeShort((v & 0x7f | 0x80) << 8 | v >>> 7);
        } else {
            while ((v & ~0x7f) != 0) {
                out.writeByte(v & 0x7f | 0x80);
                v >>>= 7;
            }
            out.writeByte(v);
        }
    }

    /** Writes {@code value} as a zigzag varlong at the writer index. */
    public static void writeVarlong(ByteBuf out, long value) {
        long v = (value << 1) ^ (value >> 63);
        if ((v & ~0x7fL) == 0) {
            out.writeByte((int) v);
            return;
        }
        while ((v & ~0x7fL) != 0) {
            out.writeByte((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    /** Reads a zigzag varint of at most 5 bytes from the reader index. */
    public static int readVarint(ByteBuf in) {
        int start = in.readerIndex();
        int raw = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            byte b = in.readByte();
            raw |= (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        byte last = in.readByte();
        if ((last & 0xf0) != 0) {
            throw new InvalidRecordException(last < 0 ? "varint is longer than 5 bytes" : "varint overflows 32 bits",
                false, start);
        }
        raw |= last << 28;
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** Reads a zigzag varlong of at most 10 bytes from the reader index. */
    public static long readVarlong(ByteBuf in) {
        int start = in.readerIndex();
        long raw = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            byte b = in.readByte();
            raw |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        byte last = in.readByte();
        if ((last & 0xfe) != 0) {
            throw new InvalidRecordException(last < 0 ? "varlong is longer than 10 bytes" : "varlong overflows 64 bits",
                false, start);
        }
        raw |= (long) last << 63;
        return (raw >>> 1) ^ -(raw & 1);
    }
}
