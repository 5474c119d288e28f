package io.tributary.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.internal.Wire;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.protocol.types.ArrayOf;
import org.apache.kafka.common.protocol.types.BoundField;
import org.apache.kafka.common.protocol.types.CompactArrayOf;
import org.apache.kafka.common.protocol.types.Field;
import org.apache.kafka.common.protocol.types.Schema;
import org.apache.kafka.common.protocol.types.TaggedFields;
import org.apache.kafka.common.protocol.types.Type;

/**
 * Writes random but valid bytes for a message, following kafka-clients' own schema of that message version. The
 * schema comes from the reference implementation, not from Tributary's definitions, so the differential test also
 * checks that our definitions agree with Kafka's field by field.
 */
final class KafkaSchemaRandomWriter {
    private static final String[] SAMPLES = {"", "a", "topic-1", "consumer-group", "é", "日本語", "x\uD83D\uDE00y"};

    private final Random random;
    private int depth;

    KafkaSchemaRandomWriter(Random random) {
        this.random = random;
    }

    byte[] generate(Schema schema) {
        ByteBuf out = Unpooled.buffer();
        write(out, schema);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    private void write(ByteBuf out, Type type) {
        if (type instanceof TaggedFields tagged) {
            writeTagged(out, tagged);
        } else if (type instanceof Schema schema) {
            if (schema.isNullable()) {
                if (random.nextInt(4) == 0) {
                    out.writeByte(-1);
                    return;
                }
                out.writeByte(1);
            }
            depth++;
            for (BoundField f : schema.fields()) {
                write(out, f.def.type);
            }
            depth--;
        } else if (type instanceof ArrayOf || type instanceof CompactArrayOf) {
            writeArray(out, type);
        } else {
            writeScalar(out, type);
        }
    }

    private void writeArray(ByteBuf out, Type type) {
        boolean compact = type instanceof CompactArrayOf;
        if (type.isNullable() && random.nextInt(5) == 0) {
            writeLength(out, -1, compact);
            return;
        }
        int n = depth > 4 ? 0 : random.nextInt(4);
        writeLength(out, n, compact);
        Type element = type.arrayElementType().orElseThrow();
        for (int i = 0; i < n; i++) {
            write(out, element);
        }
    }

    private void writeTagged(ByteBuf out, TaggedFields tagged) {
        Map<Integer, Type> chosen = new TreeMap<>();
        for (Map.Entry<Integer, Field> e : tagged.fields().entrySet()) {
            if (random.nextInt(3) != 0) {
                chosen.put(e.getKey(), e.getValue().type);
            }
        }
        List<Integer> unknown = new ArrayList<>();
        if (random.nextInt(4) == 0) {
            unknown.add(90 + random.nextInt(10));
        }
        Wire.writeUnsignedVarint(out, chosen.size() + unknown.size());
        for (Map.Entry<Integer, Type> e : chosen.entrySet()) {
            ByteBuf payload = Unpooled.buffer();
            write(payload, e.getValue());
            Wire.writeTaggedField(out, e.getKey(), payload);
        }
        for (int tag : unknown) {
            byte[] raw = new byte[random.nextInt(6)];
            random.nextBytes(raw);
            Wire.writeTaggedField(out, tag, Unpooled.wrappedBuffer(raw));
        }
    }

    private void writeScalar(ByteBuf out, Type type) {
        if (type == Type.BOOLEAN) {
            out.writeByte(random.nextBoolean() ? 1 : 0);
        } else if (type == Type.INT8) {
            out.writeByte((int) interesting(Byte.MIN_VALUE, Byte.MAX_VALUE));
        } else if (type == Type.INT16) {
            out.writeShort((int) interesting(Short.MIN_VALUE, Short.MAX_VALUE));
        } else if (type == Type.UINT16) {
            out.writeShort(random.nextInt(65536));
        } else if (type == Type.INT32) {
            out.writeInt((int) interesting(Integer.MIN_VALUE, Integer.MAX_VALUE));
        } else if (type == Type.UNSIGNED_INT32) {
            out.writeInt(random.nextInt());
        } else if (type == Type.INT64) {
            out.writeLong(random.nextInt(4) == 0 ? random.nextLong() : interesting(-2, 1_000_000));
        } else if (type == Type.FLOAT64) {
            out.writeDouble(random.nextInt(3) == 0 ? 0.0 : random.nextDouble() * 1e6);
        } else if (type == Type.UUID) {
            boolean zero = random.nextInt(4) == 0;
            out.writeLong(zero ? 0 : random.nextLong());
            out.writeLong(zero ? 0 : random.nextLong());
        } else if (type == Type.STRING || type == Type.NULLABLE_STRING) {
            writeString(out, type.isNullable(), false);
        } else if (type == Type.COMPACT_STRING || type == Type.COMPACT_NULLABLE_STRING) {
            writeString(out, type.isNullable(), true);
        } else if (type == Type.BYTES || type == Type.NULLABLE_BYTES) {
            writeBytes(out, type.isNullable(), false);
        } else if (type == Type.COMPACT_BYTES || type == Type.COMPACT_NULLABLE_BYTES) {
            writeBytes(out, type.isNullable(), true);
        } else if (type.toString().endsWith("RECORDS")) {
            writeBytes(out, type.isNullable(), type.toString().startsWith("COMPACT"));
        } else {
            throw new IllegalArgumentException("no random writer for Kafka type " + type);
        }
    }

    private long interesting(long min, long max) {
        return switch (random.nextInt(6)) {
            case 0 -> -1;
            case 1 -> 0;
            case 2 -> random.nextBoolean() ? min : max;
            default -> min + (long) (random.nextDouble() * ((double) max - min));
        };
    }

    private void writeString(ByteBuf out, boolean nullable, boolean compact) {
        if (nullable && random.nextInt(4) == 0) {
            if (compact) {
                out.writeByte(0);
            } else {
                out.writeShort(-1);
            }
            return;
        }
        byte[] s = SAMPLES[random.nextInt(SAMPLES.length)].getBytes(StandardCharsets.UTF_8);
        if (compact) {
            Wire.writeUnsignedVarint(out, s.length + 1);
        } else {
            out.writeShort(s.length);
        }
        out.writeBytes(s);
    }

    private void writeBytes(ByteBuf out, boolean nullable, boolean compact) {
        if (nullable && random.nextInt(4) == 0) {
            writeLength(out, -1, compact);
            return;
        }
        byte[] b = new byte[random.nextInt(3) == 0 ? random.nextInt(300) : random.nextInt(8)];
        random.nextBytes(b);
        writeLength(out, b.length, compact);
        out.writeBytes(b);
    }

    private static void writeLength(ByteBuf out, int n, boolean compact) {
        if (compact) {
            Wire.writeUnsignedVarint(out, n + 1);
        } else {
            out.writeInt(n);
        }
    }
}
