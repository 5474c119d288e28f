package io.tributary.serdes.avro;

import io.tributary.serdes.SerializationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;

/** Avro binary encoding and decoding with schema resolution, shared by the raw and the registry serdes. */
final class AvroCodec {
    private AvroCodec() {
    }

    static byte[] encode(Schema schema, Object value, String topic) {
        return encode(writer(schema, value), schema, value, topic, -1);
    }

    /** A writer of {@code schema} for values like {@code value}: thread-safe, worth keeping per schema. */
    static GenericDatumWriter<Object> writer(Schema schema, Object value) {
        GenericData model = value instanceof SpecificRecord ? SpecificData.getForClass(value.getClass())
            : GenericData.get();
        return new GenericDatumWriter<>(schema, model);
    }

    /** The Avro binary of {@code value}, after the registry wire-format header when {@code schemaId} ≥ 0. */
    static byte[] encode(GenericDatumWriter<Object> writer, Schema schema, Object value, String topic,
                         int schemaId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        if (schemaId >= 0) {
            // One write, not five: each write of the stream takes its lock.
            out.write(new byte[] {0, (byte) (schemaId >>> 24), (byte) (schemaId >>> 16), (byte) (schemaId >>> 8),
                (byte) schemaId}, 0, 5);
        }
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(value, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write Avro " + schema.getFullName() + " for " + topic + ": "
                + e.getMessage(), e);
        }
    }

    /** Reads {@code payload} written with {@code writer} as {@code reader}; specific classes when given one. */
    static Object decode(Schema writer, Schema reader, ByteBuffer payload, @Nullable Class<?> specific,
                         String topic) {
        return decode(reader(writer, reader, specific), payload, topic);
    }

    /** A reader resolving {@code writer} to {@code reader}: thread-safe, worth keeping per writer schema. */
    static GenericDatumReader<Object> reader(Schema writer, Schema reader, @Nullable Class<?> specific) {
        GenericData model = specific == null ? GenericData.get() : SpecificData.getForClass(specific);
        return new GenericDatumReader<>(writer, reader, model);
    }

    static Object decode(GenericDatumReader<Object> datumReader, ByteBuffer payload, String topic) {
        try {
            return datumReader.read(null, DecoderFactory.get().binaryDecoder(payload.array(),
                payload.arrayOffset() + payload.position(), payload.remaining(), null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read Avro " + datumReader.getExpected().getFullName() + " in "
                + topic + " (written with " + datumReader.getSchema().getFullName() + "): " + e, e);
        }
    }
}
