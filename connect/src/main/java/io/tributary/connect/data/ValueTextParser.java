package io.tributary.connect.data;

import io.tributary.connect.errors.DataException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the text form back into a value and an inferred schema ({@link Values#parseString}), with the results of
 * Kafka Connect's {@code Values.parseString}, oddities included, since header converters on both sides must agree:
 * <ul>
 *   <li>{@code true}/{@code false} are BOOLEAN and {@code null} is null, only as the whole (trimmed) text;</li>
 *   <li>a number is the smallest of INT8, INT16, INT32 and INT64 that holds it exactly when it is whole and within
 *       ±10<sup>19</sup> ({@code 1.0} is INT8), else FLOAT32 if it has a fraction and fits, else FLOAT64, else a
 *       Decimal of its scale; a text that only begins with a number is that number ({@code 12,5} is INT8 12);</li>
 *   <li>{@code yyyy-MM-dd}, {@code HH:mm:ss.SSS'Z'} and {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} (lenient, by length) are
 *       Date, Time and Timestamp, in UTC;</li>
 *   <li>{@code [...]} is an ARRAY and {@code {...}} a MAP whose elements are read like the top level, except that
 *       strings must be quoted (escapes are kept in the string) and a quoted date is a date; numeric element types
 *       widen to a common one (INT8 &lt; INT16 &lt; INT32 &lt; INT64 &lt; FLOAT32 &lt; FLOAT64, logical types by their
 *       base type) and the values are converted to it; a malformed container, or one mixing nulls with a common
 *       type, is read as a STRING;</li>
 *   <li>anything else is the whole text as a STRING.</li>
 * </ul>
 * Where Kafka infers a container schema without element schema (elements of no common type, or only nulls), the
 * value has no schema here, as every Tributary ARRAY and MAP schema has its parts; so too where Kafka's schema does
 * not describe the value (nested containers of one type but different element types, where Kafka keeps the last
 * one's schema). Owned by one parse; not thread-safe.
 */
final class ValueTextParser {
    private static final BigDecimal INTEGRAL_LIMIT = new BigDecimal("1e19");
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    /** Numeric types from narrowest to widest; two of them merge into the wider. */
    private static final List<Schema.Type> NUMERIC = List.of(Schema.Type.INT8, Schema.Type.INT16,
        Schema.Type.INT32, Schema.Type.INT64, Schema.Type.FLOAT32, Schema.Type.FLOAT64);
    private static final Schema DATE = Date.schema();
    private static final Schema TIME = Time.schema();
    private static final Schema TIMESTAMP = Timestamp.schema();

    /** A type with its schema; the schema is null for a container whose elements have no common one. */
    private record Shape(Schema.Type type, @Nullable Schema schema) {
        static Shape of(Schema schema) {
            return new Shape(schema.type(), schema);
        }
    }

    /** A non-null value read, with its shape. */
    private record Parsed(Shape shape, Object value) {
        static Parsed of(Schema schema, Object value) {
            return new Parsed(Shape.of(schema), value);
        }
    }

    private final ValueTokens tokens;

    private ValueTextParser(String text) {
        this.tokens = new ValueTokens(text);
    }

    /** The value of {@code text} and its inferred schema. */
    static SchemaAndValue parse(String text) {
        if (text.isEmpty()) {
            return new SchemaAndValue(Schema.STRING_SCHEMA, text);
        }
        Parsed parsed = new ValueTextParser(text).value(false);
        if (parsed == null) {
            return SchemaAndValue.NULL;
        }
        Schema schema = parsed.shape().schema();
        return new SchemaAndValue(schema == null || !fits(schema, parsed.value()) ? null : schema, parsed.value());
    }

    private static boolean fits(Schema schema, Object value) {
        try {
            Schema.validateValue(schema, value);
            return true;
        } catch (DataException e) {
            return false;
        }
    }

    /** The next value; null for {@code null} or at the end. @throws DataException only inside a container */
    private @Nullable Parsed value(boolean nested) {
        if (!tokens.hasNext()) {
            return null;
        }
        if (nested && tokens.consume("\"")) {
            return quoted();
        }
        if (literal(nested, "null")) {
            return null;
        }
        if (literal(nested, "true")) {
            return Parsed.of(Schema.BOOLEAN_SCHEMA, Boolean.TRUE);
        }
        if (literal(nested, "false")) {
            return Parsed.of(Schema.BOOLEAN_SCHEMA, Boolean.FALSE);
        }
        int start = tokens.mark();
        try {
            if (tokens.consume("[")) {
                return array();
            }
            if (tokens.consume("{")) {
                return map();
            }
        } catch (DataException e) {
            tokens.rewind(start);   // not a container after all: its first token is read as a scalar below
        }
        String token = tokens.next();
        if (ValueTokens.isBlank(token)) {
            return Parsed.of(Schema.STRING_SCHEMA, token);
        }
        return scalar(nested, token.trim());
    }

    /** Whether the next token is {@code word}, and, at the top, the last one. Consumes it only then. */
    private boolean literal(boolean nested, String word) {
        int start = tokens.mark();
        if (tokens.consume(word) && (nested || !tokens.hasNext())) {
            return true;
        }
        tokens.rewind(start);
        return false;
    }

    private Parsed scalar(boolean nested, String token) {
        char first = token.charAt(0);
        boolean digit = Character.isDigit(first);
        if (digit) {
            Parsed temporal = temporalFrom(token);
            if (temporal != null) {
                return temporal;
            }
        }
        if (digit || first == '+' || first == '-') {
            try {
                return number(token);
            } catch (NumberFormatException e) {
                // not a number either
            }
        }
        if (nested) {
            throw new DataException("Unquoted text inside a list or map: " + token);
        }
        return Parsed.of(Schema.STRING_SCHEMA, tokens.text());
    }

    /**
     * A time or timestamp split by its colons into five tokens starting with {@code token} (consumed if so), or a
     * date, time or timestamp that is {@code token} alone, or null.
     */
    private @Nullable Parsed temporalFrom(String token) {
        int position = tokens.mark();
        String rest = tokens.next(4);
        if (rest != null) {
            Parsed temporal = temporal(token + rest);
            if (temporal != null) {
                return temporal;
            }
        }
        tokens.rewind(position);
        return temporal(token);
    }

    private static @Nullable Parsed temporal(String text) {
        String unescaped = text.replace("\\:", ":");
        return switch (unescaped.length()) {
            case 13 -> temporal(unescaped, TIME, ValueText.TIME_PATTERN);
            case 24 -> temporal(unescaped, TIMESTAMP, ValueText.TIMESTAMP_PATTERN);
            case 10 -> temporal(unescaped, DATE, ValueText.DATE_PATTERN);
            default -> null;
        };
    }

    private static @Nullable Parsed temporal(String text, Schema schema, String pattern) {
        ParsePosition position = new ParsePosition(0);
        java.util.Date date = ValueText.dateFormat(pattern).parse(text, position);
        // like Kafka, a parse that stops before the end still counts
        return date == null || position.getIndex() == 0 ? null : Parsed.of(schema, date);
    }

    /** @throws NumberFormatException if {@code token} is not a decimal number */
    private static Parsed number(String token) {
        BigDecimal decimal = new BigDecimal(token);
        Parsed integral = integral(decimal);
        if (integral != null) {
            return integral;
        }
        if (decimal.scale() != 0) {
            float f = decimal.floatValue();
            if (!Float.isInfinite(f)) {
                return Parsed.of(Schema.FLOAT32_SCHEMA, f);
            }
            double d = decimal.doubleValue();
            if (!Double.isInfinite(d)) {
                return Parsed.of(Schema.FLOAT64_SCHEMA, d);
            }
        }
        return Parsed.of(Decimal.schema(decimal.scale()), decimal);
    }

    private static @Nullable Parsed integral(BigDecimal decimal) {
        BigDecimal abs = decimal.abs();
        boolean fraction = abs.compareTo(BigDecimal.ONE) < 0 && abs.signum() != 0;
        if (abs.compareTo(INTEGRAL_LIMIT) > 0 || fraction) {
            return null;
        }
        boolean whole = decimal.signum() == 0 || decimal.scale() <= 0 || decimal.stripTrailingZeros().scale() <= 0;
        if (!whole) {
            return null;
        }
        BigInteger n = decimal.toBigIntegerExact();
        if (n.compareTo(LONG_MIN) < 0 || n.compareTo(LONG_MAX) > 0) {
            return null;
        }
        long v = n.longValue();
        if (v == (byte) v) {
            return Parsed.of(Schema.INT8_SCHEMA, (byte) v);
        } else if (v == (short) v) {
            return Parsed.of(Schema.INT16_SCHEMA, (short) v);
        } else if (v == (int) v) {
            return Parsed.of(Schema.INT32_SCHEMA, (int) v);
        }
        return Parsed.of(Schema.INT64_SCHEMA, v);
    }

    /** The rest of a quoted string, up to its closing quote or the end of the text. */
    private Parsed quoted() {
        StringBuilder content = new StringBuilder();
        while (tokens.hasNext()) {
            if (tokens.consume("\"")) {
                break;
            }
            content.append(tokens.next());
        }
        String s = content.toString();
        Parsed temporal = temporal(s);
        return temporal != null ? temporal : Parsed.of(Schema.STRING_SCHEMA, s);
    }

    /** The rest of a list after its {@code [}. @throws DataException if it is malformed */
    private Parsed array() {
        List<@Nullable Object> elements = new ArrayList<>();
        Merger merger = new Merger();
        while (tokens.hasNext()) {
            if (tokens.consume("]")) {
                Shape common = merger.common();
                if (common == null) {
                    return new Parsed(new Shape(Schema.Type.ARRAY, null), elements);
                }
                List<@Nullable Object> aligned = new ArrayList<>(elements.size());
                for (Object element : elements) {
                    aligned.add(ValueAlignment.convert(common.type(), common.schema(), element));
                }
                Schema elementSchema = common.schema();
                return new Parsed(new Shape(Schema.Type.ARRAY,
                    elementSchema == null ? null : SchemaBuilder.array(elementSchema).build()), aligned);
            }
            if (tokens.consume(",")) {
                throw new DataException("Empty element in list: " + tokens.text());
            }
            Parsed element = value(true);
            merger.add(element);
            elements.add(element == null ? null : element.value());
            int position = tokens.mark();
            if (tokens.consume("]")) {
                tokens.rewind(position);
            } else if (!tokens.consume(",")) {
                throw new DataException("List elements are not separated by ',': " + tokens.text());
            }
        }
        throw new DataException("List is not closed by ']': " + tokens.text());
    }

    /** The rest of a map after its <code>{</code>. @throws DataException if it is malformed */
    private Parsed map() {
        Map<Object, @Nullable Object> entries = new LinkedHashMap<>();
        Merger keys = new Merger();
        Merger values = new Merger();
        while (tokens.hasNext()) {
            if (tokens.consume("}")) {
                return mapOf(entries, keys.common(), values.common());
            }
            if (tokens.consume(",")) {
                throw new DataException("Empty entry in map: " + tokens.text());
            }
            Parsed key = value(true);
            if (key == null) {
                throw new DataException("Map key is null: " + tokens.text());
            }
            if (!tokens.consume(":")) {
                throw new DataException("Map key is not followed by ':': " + tokens.text());
            }
            Parsed value = value(true);
            entries.put(key.value(), value == null ? null : value.value());
            tokens.consume(",");   // optional, as in Kafka
            keys.add(key);
            values.add(value);
        }
        throw new DataException("Map is not closed by '}': " + tokens.text());
    }

    private static Parsed mapOf(Map<Object, @Nullable Object> entries, @Nullable Shape keys, @Nullable Shape values) {
        if (keys == null) {
            return new Parsed(new Shape(Schema.Type.MAP, null), entries);
        }
        Map<Object, @Nullable Object> aligned = new LinkedHashMap<>();
        entries.forEach((k, v) -> aligned.put(ValueAlignment.convert(keys.type(), keys.schema(), k),
            values == null ? v : ValueAlignment.convert(values.type(), values.schema(), v)));
        Schema schema = values == null || keys.schema() == null || values.schema() == null ? null
            : SchemaBuilder.map(keys.schema(), values.schema()).build();
        return new Parsed(new Shape(Schema.Type.MAP, schema), aligned);
    }

    /**
     * The common shape of a container's elements: the first non-null one's, widened by each later numeric one; a
     * later one of the same type replaces it (Kafka keeps the later of two equally optional schemas, and inferred
     * schemas are never optional); none once two types do not merge.
     */
    private static final class Merger {
        private @Nullable Shape common;
        private boolean compatible = true;

        void add(@Nullable Parsed parsed) {
            if (parsed == null || !compatible) {
                return;
            }
            Shape next = parsed.shape();
            if (common == null) {
                common = next;
                return;
            }
            common = merge(common, next);
            compatible = common != null;
        }

        @Nullable Shape common() {
            return common;
        }

        private static @Nullable Shape merge(Shape previous, Shape next) {
            if (previous.type() == next.type()) {
                return next;
            }
            int a = NUMERIC.indexOf(previous.type());
            int b = NUMERIC.indexOf(next.type());
            if (a < 0 || b < 0) {
                return null;
            }
            return a > b ? previous : next;
        }
    }
}
