package io.tributary.connect.data;

import io.tributary.connect.errors.DataException;
import java.nio.ByteBuffer;
import java.text.SimpleDateFormat;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.jspecify.annotations.Nullable;

/**
 * Writes the text form of Connect values that {@link Values#convertToString} returns, character for character as
 * Kafka Connect's {@code Values.convertToString} writes it, and holds the date formats both directions share.
 * Stateless and thread-safe.
 *
 * <p>The form: strings as they are at the top, but quoted (with {@code \} and {@code "} escaped by a backslash)
 * inside lists, maps and structs; numbers and booleans by {@link String#valueOf(Object)}; bytes in Base64 (quoted
 * inside containers); lists as {@code [a,b]}; maps and structs as {@code {k:v,k2:v2}}; null inside containers as
 * {@code null}; dates by their instant alone, whatever the schema says: before the end of the epoch day as a time
 * ({@code HH:mm:ss.SSS'Z'}), at a midnight as a date ({@code yyyy-MM-dd}), otherwise as a timestamp
 * ({@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}).
 */
final class ValueText {
    static final long MILLIS_PER_DAY = 24L * 60 * 60 * 1000;
    static final String DATE_PATTERN = "yyyy-MM-dd";
    static final String TIME_PATTERN = "HH:mm:ss.SSS'Z'";
    static final String TIMESTAMP_PATTERN = DATE_PATTERN + "'T'" + TIME_PATTERN;
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private ValueText() {
    }

    /** The text of a non-null value. @throws DataException for a Java type Connect does not have */
    static String format(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value, false);
        return out.toString();
    }

    /**
     * A lenient parser and formatter of {@code pattern} in UTC. Kafka uses the JVM's default time zone and locale;
     * a fixed zone and locale give the same text on a UTC JVM and keep Date values at midnight UTC elsewhere.
     * A new one per call, as {@link SimpleDateFormat} is not thread-safe.
     */
    static SimpleDateFormat dateFormat(String pattern) {
        SimpleDateFormat format = new SimpleDateFormat(pattern, Locale.ROOT);
        format.setTimeZone(UTC);
        return format;
    }

    private static void append(StringBuilder out, @Nullable Object value, boolean nested) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof String s) {
            appendString(out, s, nested);
        } else if (value instanceof byte[] || value instanceof ByteBuffer) {
            String base64 = Base64.getEncoder().encodeToString(Values.bytes(value));
            out.append(nested ? "\"" + base64 + "\"" : base64);   // Base64 needs no escaping
        } else if (value instanceof List<?> list) {
            out.append('[');
            appendAll(out, list.iterator());
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            appendAll(out, map.entrySet().iterator());
            out.append('}');
        } else if (value instanceof Struct struct) {
            out.append('{');
            String separator = "";
            for (Field field : struct.schema().fields()) {
                out.append(separator);
                appendString(out, field.name(), true);
                out.append(':');
                append(out, struct.get(field), true);
                separator = ",";
            }
            out.append('}');
        } else if (value instanceof Map.Entry<?, ?> entry) {
            append(out, entry.getKey(), true);
            out.append(':');
            append(out, entry.getValue(), true);
        } else if (value instanceof java.util.Date date) {
            out.append(dateFormat(patternOf(date)).format(date));
        } else {
            throw new DataException("Failed to serialize unexpected value type " + value.getClass().getName() + ": "
                + value);
        }
    }

    private static void appendAll(StringBuilder out, Iterator<?> values) {
        String separator = "";
        while (values.hasNext()) {
            out.append(separator);
            append(out, values.next(), true);
            separator = ",";
        }
    }

    private static void appendString(StringBuilder out, String s, boolean nested) {
        if (!nested) {
            out.append(s);
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '"') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    /** The format of a date chosen by its instant, as Kafka chooses it (negative instants count as times). */
    private static String patternOf(java.util.Date date) {
        long millis = date.getTime();
        if (millis < MILLIS_PER_DAY) {
            return TIME_PATTERN;
        }
        return millis % MILLIS_PER_DAY == 0 ? DATE_PATTERN : TIMESTAMP_PATTERN;
    }
}
