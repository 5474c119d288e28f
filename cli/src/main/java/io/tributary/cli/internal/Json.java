package io.tributary.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;

/**
 * JSON through one shared Jackson mapper, created on first use so that commands printing tables never load Jackson
 * (start-up time). Maps keep their insertion order; records serialize by component name. Thread-safe.
 */
public final class Json {
    private Json() {
    }

    /** {@code value} as indented JSON, for {@code --output json}. */
    public static String pretty(Object value) {
        return write(Holder.PRETTY, value);
    }

    /** {@code value} as JSON on one line, for one record per line ({@code consume --format json}). */
    public static String compact(Object value) {
        return write(Holder.COMPACT, value);
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static final class Holder {
        private static final ObjectMapper COMPACT = new ObjectMapper();
        private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
