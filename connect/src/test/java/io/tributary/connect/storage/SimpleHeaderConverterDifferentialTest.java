package io.tributary.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.KafkaConnectData;
import io.tributary.connect.data.Date;
import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.data.Time;
import io.tributary.connect.data.Timestamp;
import io.tributary.connect.data.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.jspecify.annotations.Nullable;

/**
 * Runs the same header values and bytes through our SimpleHeaderConverter and Kafka Connect's: each value must be
 * written as the same bytes (or refused by both), and any bytes must be read back as the same schema and value.
 * Where Kafka infers an ARRAY or MAP schema without element schema, or one that does not describe the value it read
 * (nested containers of different element types), ours has no schema (Tributary schemas always have their parts and
 * describe their values); the values must still be equal.
 *
 * <p>Kafka formats and parses dates in the JVM's default time zone, ours in UTC, so the comparison runs only on a JVM
 * whose default zone is UTC (as the build's is); elsewhere it is skipped.
 */
@AddLifecycleHook(SimpleHeaderConverterDifferentialTest.UtcOnly.class)
final class SimpleHeaderConverterDifferentialTest {
    private static final String TOPIC = "t";
    private static final String KEY = "h";

    private final SimpleHeaderConverter ours = new SimpleHeaderConverter();
    private final org.apache.kafka.connect.storage.SimpleHeaderConverter theirs =
        new org.apache.kafka.connect.storage.SimpleHeaderConverter();

    /** Skips the comparison where Kafka's dates would be in another zone than ours. */
    static final class UtcOnly implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return TimeZone.getDefault().hasSameRules(TimeZone.getTimeZone("UTC")) ? SkipResult.doNotSkip()
                : SkipResult.skip("Kafka's SimpleHeaderConverter formats dates in the JVM's default time zone");
        }
    }

    /** What a call did: its answer or its failure. */
    private record Outcome<T>(@Nullable T value, @Nullable RuntimeException failure) {
        static <T> Outcome<T> of(Supplier<T> call) {
            try {
                return new Outcome<>(call.get(), null);
            } catch (RuntimeException e) {
                return new Outcome<>(null, e);
            }
        }

        boolean failed() {
            return failure != null;
        }
    }

    @Property(tries = 3000, edgeCases = EdgeCasesMode.MIXIN)
    void writesTheSameBytesAsKafkaAndReadsThemAlike(@ForAll("headerValues") SchemaAndValue header) {
        Outcome<byte[]> mine = Outcome.of(() -> ours.fromConnectHeader(TOPIC, KEY, header.schema(), header.value()));
        Outcome<byte[]> kafka = Outcome.of(() -> theirs.fromConnectHeader(TOPIC, KEY,
            KafkaConnectData.toKafka(header.schema()), KafkaConnectData.toKafka(header.schema(), header.value())));
        assertThat(mine.failed()).as("we fail (%s) as Kafka does (%s)", mine.failure(), kafka.failure())
            .isEqualTo(kafka.failed());
        if (mine.failed()) {
            return;
        }
        assertThat(text(mine.value())).isEqualTo(text(kafka.value()));
        assertReadAlike(mine.value());
    }

    @Property(tries = 5000, edgeCases = EdgeCasesMode.MIXIN)
    void readsAnyTextAsKafkaDoes(@ForAll("texts") String text) {
        assertReadAlike(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 500)
    void readsAnyBytesAsKafkaDoes(@ForAll byte[] bytes) {
        assertReadAlike(bytes);
    }

    private void assertReadAlike(byte @Nullable [] bytes) {
        Outcome<SchemaAndValue> mine = Outcome.of(() -> ours.toConnectHeader(TOPIC, KEY, bytes));
        Outcome<SchemaAndValue> kafka = Outcome.of(() -> expected(theirs.toConnectHeader(TOPIC, KEY, bytes)));
        assertThat(mine.failed()).as("we fail (%s) as Kafka does (%s)", mine.failure(), kafka.failure())
            .isEqualTo(kafka.failed());
        if (mine.failed()) {
            return;
        }
        SchemaAndValue actual = mine.value();
        SchemaAndValue expected = kafka.value();
        assertThat(actual.schema()).as("schema of %s", text(bytes)).isEqualTo(expected.schema());
        assertThat(Values.deepEquals(actual.value(), expected.value()))
            .as("read %s from %s, Kafka %s", describe(actual.value()), text(bytes), describe(expected.value()))
            .isTrue();
    }

    /**
     * Kafka's reading in our model: null is NULL, and a schema that lacks element schemas or does not fit the value
     * is no schema.
     */
    private static SchemaAndValue expected(org.apache.kafka.connect.data.@Nullable SchemaAndValue kafka) {
        if (kafka == null) {
            return SchemaAndValue.NULL;
        }
        org.apache.kafka.connect.data.Schema schema = kafka.schema();
        boolean kept = schema != null && complete(schema) && fits(schema, kafka.value());
        return new SchemaAndValue(kept ? KafkaConnectData.fromKafka(schema) : null,
            KafkaConnectData.fromKafka(kept ? schema : null, kafka.value()));
    }

    private static boolean fits(org.apache.kafka.connect.data.Schema schema, @Nullable Object value) {
        try {
            org.apache.kafka.connect.data.ConnectSchema.validateValue(schema, value);
            return true;
        } catch (org.apache.kafka.connect.errors.DataException e) {
            return false;
        }
    }

    private static boolean complete(org.apache.kafka.connect.data.@Nullable Schema schema) {
        if (schema == null) {
            return false;
        }
        return switch (schema.type()) {
            case ARRAY -> complete(schema.valueSchema());
            case MAP -> complete(schema.keySchema()) && complete(schema.valueSchema());
            default -> true;
        };
    }

    private static @Nullable String text(byte @Nullable [] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** A value with the Java types of its parts, which equality also compares. */
    private static String describe(@Nullable Object value) {
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(e -> parts.add(describe(e)));
            return parts.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, String> parts = new LinkedHashMap<>();
            map.forEach((k, v) -> parts.put(describe(k), describe(v)));
            return parts.toString();
        }
        return value == null ? "null" : value + " (" + value.getClass().getSimpleName() + ")";
    }

    // ---- generators ----

    /** Header values: typed data of every schema, scalars with tricky text, and containers that widen or mix. */
    @Provide
    Arbitrary<SchemaAndValue> headerValues() {
        return Arbitraries.frequencyOf(
            Tuple.of(3, ConnectArbitraries.schemasAndValues(ConnectArbitraries.schemas())),
            Tuple.of(4, scalars()),
            Tuple.of(3, containers(2).map(v -> new SchemaAndValue(null, v))),
            Tuple.of(1, fragmentText().map(s -> new SchemaAndValue(Schema.STRING_SCHEMA, s))));
    }

    private static Arbitrary<SchemaAndValue> scalars() {
        return Arbitraries.oneOf(
            strings().map(s -> new SchemaAndValue(Schema.STRING_SCHEMA, s)),
            Arbitraries.bytes().map(b -> new SchemaAndValue(Schema.INT8_SCHEMA, b)),
            Arbitraries.shorts().map(s -> new SchemaAndValue(Schema.INT16_SCHEMA, s)),
            Arbitraries.integers().map(i -> new SchemaAndValue(Schema.INT32_SCHEMA, i)),
            Arbitraries.longs().map(l -> new SchemaAndValue(Schema.INT64_SCHEMA, l)),
            floats().map(f -> new SchemaAndValue(Schema.FLOAT32_SCHEMA, f)),
            doubles().map(d -> new SchemaAndValue(Schema.FLOAT64_SCHEMA, d)),
            Arbitraries.of(true, false).map(b -> new SchemaAndValue(Schema.BOOLEAN_SCHEMA, b)),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(b -> new SchemaAndValue(Schema.BYTES_SCHEMA, b)),
            decimals().map(d -> new SchemaAndValue(Decimal.schema(d.scale()), d)),
            dates().map(d -> new SchemaAndValue(Date.schema(), d)),
            times().map(d -> new SchemaAndValue(Time.schema(), d)),
            timestamps().map(d -> new SchemaAndValue(Timestamp.schema(), d)));
    }

    /** Schemaless lists and maps of mixed scalars, nulls and nested containers. */
    private static Arbitrary<Object> containers(int depth) {
        Arbitrary<@Nullable Object> element = depth == 0 ? plainScalars().injectNull(0.1)
            : Arbitraries.frequencyOf(Tuple.of(6, plainScalars()), Tuple.of(1, containers(depth - 1)))
                .injectNull(0.1);
        // one numeric family per list most of the time, so that elements merge to a common type
        Arbitrary<Object> sameKind = Arbitraries.oneOf(integralNumbers(), floatingNumbers(), dateLikes(),
            strings().map(s -> s)).list().ofMaxSize(4).map(l -> l);
        Arbitrary<Object> lists = element.list().ofMaxSize(4).map(l -> l);
        Arbitrary<Object> maps = Arbitraries.maps(plainScalars(), element).ofMaxSize(3)
            .map(m -> (Object) new LinkedHashMap<>(m));
        Arbitrary<Object> numericMaps = Arbitraries.maps(integralNumbers(), integralNumbers()).ofMaxSize(3)
            .map(m -> (Object) new LinkedHashMap<>(m));
        return Arbitraries.frequencyOf(Tuple.of(3, sameKind), Tuple.of(3, lists), Tuple.of(2, maps),
            Tuple.of(1, numericMaps));
    }

    private static Arbitrary<Object> plainScalars() {
        return Arbitraries.oneOf(integralNumbers(), floatingNumbers(), dateLikes(), strings().map(s -> s),
            Arbitraries.of(true, false).map(b -> b), Arbitraries.bytes().array(byte[].class).ofMaxSize(4).map(b -> b),
            decimals().map(d -> d));
    }

    private static Arbitrary<Object> integralNumbers() {
        return Arbitraries.oneOf(Arbitraries.bytes().map(b -> b), Arbitraries.shorts().map(s -> s),
            Arbitraries.integers().map(i -> i), Arbitraries.longs().map(l -> l),
            Arbitraries.of(86_400_000, 86_399_999, 100_000).map(i -> i));
    }

    private static Arbitrary<Object> floatingNumbers() {
        return Arbitraries.oneOf(floats().map(f -> f), doubles().map(d -> d));
    }

    private static Arbitrary<Object> dateLikes() {
        return Arbitraries.oneOf(dates(), times(), timestamps()).map(d -> d);
    }

    private static Arbitrary<Float> floats() {
        return Arbitraries.oneOf(Arbitraries.floats(), Arbitraries.floats().between(-1000, 1000).ofScale(3),
            Arbitraries.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE,
                Float.MAX_VALUE, 1e10f, 1.0f, 0.1f));
    }

    private static Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.doubles().between(-1e6, 1e6).ofScale(4),
            Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1e39,
                3.5e38, 1e300, 1e-300, 1.0, 0.1));
    }

    private static Arbitrary<BigDecimal> decimals() {
        return net.jqwik.api.Combinators.combine(
            Arbitraries.bigIntegers().between(BigInteger.TEN.pow(25).negate(), BigInteger.TEN.pow(25)),
            Arbitraries.integers().between(-5, 12)).as(BigDecimal::new);
    }

    /** Midnights, also before the epoch and past year 9999. */
    private static Arbitrary<java.util.Date> dates() {
        return Arbitraries.longs().between(-800_000, 3_000_000).map(d -> new java.util.Date(d * 86_400_000L));
    }

    private static Arbitrary<java.util.Date> times() {
        return Arbitraries.longs().between(0, 86_399_999).map(java.util.Date::new);
    }

    private static Arbitrary<java.util.Date> timestamps() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-70_000_000_000_000L, 260_000_000_000_000L),
            Arbitraries.of(-1L, 0L, 86_400_000L, 86_400_001L, 253_402_300_800_000L)).map(java.util.Date::new);
    }

    /** Strings of the characters that matter to the text form: delimiters, escapes, digits, signs, spaces. */
    private static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
            Arbitraries.strings().withChars(" \t\"\\:,[]{}0123456789-+.eETZnulltrfa").withChars("é€٣\u0001")
                .ofMaxLength(12),
            Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(10),
            fragmentText());
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(fragmentText(), valueText(2));
    }

    /**
     * Text shaped like values: scalars, quoted strings with escapes and dates, and lists and maps of them with
     * whitespace around the parts and now and then a missing or doubled separator.
     */
    private static Arbitrary<String> valueText(int depth) {
        Arbitrary<String> space = Arbitraries.of("", "", "", " ", "  ", "\t");
        Arbitrary<String> quoted = Arbitraries.oneOf(strings(), Arbitraries.of("2024-02-29", "12:00:00.000Z",
                "12\\:00\\:00.000Z", "2024-02-29T01:02:03.004Z", " ", "", "a\\\"b"))
            .map(s -> "\"" + s + "\"");
        Arbitrary<String> scalar = Arbitraries.oneOf(quoted, fragmentText(), Arbitraries.of("1", "-7", "300",
            "70000", "5000000000", "1.5", "2.0", "1e3", "12345678901234567890", "true", "null", "2024-01-01",
            "23:59:59.999Z", "1970-01-01T00:00:00.001Z", "12\\:34\\:56.789Z", "86400000", "x"));
        Arbitrary<String> element = depth == 0 ? scalar
            : Arbitraries.frequencyOf(Tuple.of(4, scalar), Tuple.of(1, valueText(depth - 1)));
        Arbitrary<String> padded = net.jqwik.api.Combinators.combine(space, element, space).as((a, e, z) -> a + e + z);
        Arbitrary<String> separator = Arbitraries.frequency(Tuple.of(20, ","), Tuple.of(1, ""), Tuple.of(1, ",,"));
        Arbitrary<String> list = net.jqwik.api.Combinators.combine(padded.list().ofMaxSize(4), separator)
            .as((parts, sep) -> "[" + String.join(sep, parts) + "]");
        Arbitrary<String> entry = net.jqwik.api.Combinators.combine(padded, Arbitraries.frequency(
            Tuple.of(20, ":"), Tuple.of(1, "")), padded).as((k, colon, v) -> k + colon + v);
        Arbitrary<String> map = net.jqwik.api.Combinators.combine(entry.list().ofMaxSize(3), separator)
            .as((parts, sep) -> "{" + String.join(sep, parts) + "}");
        Arbitrary<String> truncated = Arbitraries.oneOf(list, map).map(t -> t.substring(0, t.length() - 1));
        return Arbitraries.frequencyOf(Tuple.of(3, list), Tuple.of(3, map), Tuple.of(1, truncated),
            Tuple.of(1, padded));
    }

    /** Text made of fragments that look like parts of values, so that most of it parses far before failing. */
    private static Arbitrary<String> fragmentText() {
        Arbitrary<String> fragments = Arbitraries.oneOf(
            Arbitraries.of("[", "]", "{", "}", ",", ":", "\"", "\\", "\\:", "\\\"", " ", "  ", "\t", "null", "true",
                "false", "-", "+", ".", "e", "E", "0", "1", "12", "127", "128", "-129", "32767", "32768",
                "2147483648", "9223372036854775807", "9223372036854775808", "1e19", "1.5", "1.0", "0.1", "-0.0",
                "1e-5", "3.4e39", "1.8e308", "1e400", "0e-3", "abc", "x y", "T", "Z", "NaN", "Infinity",
                "2024-01-01", "12:34:56.789Z", "2024-01-01T12:34:56.789Z", "1970-01-01", "00:00:00.000Z",
                "24:00:00.000Z", "9999-12-31", "2024-13-45", "1-1-1xxxxx", "\"2024-02-29\"", "٣", "é"),
            Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(3));
        return fragments.list().ofMaxSize(8).map(parts -> String.join("", parts));
    }
}
