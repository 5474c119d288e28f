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
        GenericData model = value instanceof SpecificRecord ? SpecificData.getForClass(value.getClass())
            : GenericData.get();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new GenericDatumWriter<>(schema, model).write(value, encoder);
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
        GenericData model = specific == null ? GenericData.get() : SpecificData.getForClass(specific);
        try {
            GenericDatumReader<Object> datumReader = new GenericDatumReader<>(writer, reader, model);
            return datumReader.read(null, DecoderFactory.get().binaryDecoder(payload.array(),
                payload.arrayOffset() + payload.position(), payload.remaining(), null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read Avro " + reader.getFullName() + " in " + topic
                + " (written with " + writer.getFullName() + "): " + e, e);
        }
    }
}
