package io.tributary.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.connect.KafkaConnectData;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.data.Struct;
import io.tributary.connect.data.Values;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * Runs the same random schemas and values through our JsonConverter and Kafka Connect's: the bytes must be the same
 * JSON, each must read the other's bytes to equal data, and an input one refuses the other refuses too.
 */
final class JsonConverterDifferentialTest {
    /** Configured converters by setting: configuring Kafka's logs its whole configuration each time. */
    private static final Map<List<Object>, Object> CONVERTERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** One converter setting of both implementations. */
    record Setting(boolean schemasEnable, JsonDecimalFormat decimalFormat, boolean replaceNullWithDefault) {
        Map<String, Object> configs() {
            return Map.of("schemas.enable", schemasEnable, "decimal.format", decimalFormat.name(),
                "replace.null.with.default", replaceNullWithDefault);
        }

        JsonConverter ours() {
            return (JsonConverter) CONVERTERS.computeIfAbsent(List.of(this, "ours"), k -> {
                JsonConverter converter = new JsonConverter();
                converter.configure(configs(), false);
                return converter;
            });
        }

        org.apache.kafka.connect.json.JsonConverter theirs() {
            return (org.apache.kafka.connect.json.JsonConverter) CONVERTERS.computeIfAbsent(List.of(this, "theirs"),
                k -> {
                    var converter = new org.apache.kafka.connect.json.JsonConverter();
                    converter.configure(configs(), false);
                    return converter;
                });
        }
    }

    /** What a call did: its answer or its failure. */
    record Outcome<T>(@Nullable T value, @Nullable RuntimeException failure) {
        static <T> Outcome<T> of(java.util.function.Supplier<T> call) {
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

    @Provide
    Arbitrary<Setting> settings() {
        return net.jqwik.api.Combinators.combine(Arbitraries.of(true, false),
            Arbitraries.of(JsonDecimalFormat.class), Arbitraries.of(true, false)).as(Setting::new);
    }

    @Provide
    Arbitrary<SchemaAndValue> data() {
        return ConnectArbitraries.schemasAndValues(ConnectArbitraries.schemas());
    }

    /** Valid data, or (one time in five) a value of some other schema, which may or may not fit. */
    @Provide
    Arbitrary<SchemaAndValue> maybeMismatched() {
        Arbitrary<SchemaAndValue> mismatched = net.jqwik.api.Combinators.combine(ConnectArbitraries.schemas(),
            data()).as((schema, other) -> new SchemaAndValue(schema, other.value()));
        return Arbitraries.frequencyOf(Tuple.of(4, data()), Tuple.of(1, mismatched));
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void writesTheSameJsonAsKafkaAndEachReadsTheOthersBytes(@ForAll("data") SchemaAndValue data,
                                                            @ForAll("settings") Setting setting) {
        Outcome<byte[]> ours = Outcome.of(() -> setting.ours().fromConnectData("t", data.schema(), data.value()));
        Outcome<byte[]> theirs = Outcome.of(() -> setting.theirs().fromConnectData("t",
            KafkaConnectData.toKafka(data.schema()), KafkaConnectData.toKafka(null, data.value())));
        assertThat(ours.failed()).as("we fail (%s) as Kafka does (%s)", ours.failure(), theirs.failure())
            .isEqualTo(theirs.failed());
        if (ours.failed()) {
            return;
        }
        assertThat(tree(ours.value())).isEqualTo(tree(theirs.value()));

        SchemaAndValue oursReadsTheirs = setting.ours().toConnectData("t", theirs.value());
        SchemaAndValue oursReadsOurs = setting.ours().toConnectData("t", ours.value());
        SchemaAndValue theirsReadOurs = fromKafka(setting.theirs().toConnectData("t", ours.value()));
        assertSame(oursReadsTheirs, theirsReadOurs);
        assertSame(oursReadsOurs, theirsReadOurs);
        if (setting.schemasEnable()) {
            assertThat(oursReadsOurs.schema()).isEqualTo(data.schema());
            Object expected = setting.replaceNullWithDefault()
                ? ConnectArbitraries.withDefaults(data.schema(), data.value()) : data.value();
            assertThat(Values.deepEquals(oursReadsOurs.value(), expected))
                .as("read %s, wrote %s", oursReadsOurs.value(), expected).isTrue();
        }
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void failsWhereKafkaFails(@ForAll("maybeMismatched") SchemaAndValue data, @ForAll("settings") Setting setting) {
        Outcome<byte[]> ours = Outcome.of(() -> setting.ours().fromConnectData("t", data.schema(), data.value()));
        Outcome<byte[]> theirs = Outcome.of(() -> setting.theirs().fromConnectData("t",
            KafkaConnectData.toKafka(data.schema()), KafkaConnectData.toKafka(null, data.value())));
        if (ours.failed() && !theirs.failed() && isScaleCheck(ours.failure(), setting)) {
            return;  // deliberate: a NUMERIC Decimal must have its schema's scale, as a BASE64 one must
        }
        assertThat(ours.failed()).as("we fail (%s) as Kafka does (%s)", ours.failure(), theirs.failure())
            .isEqualTo(theirs.failed());
        if (!ours.failed()) {
            assertThat(tree(ours.value())).isEqualTo(tree(theirs.value()));
        }
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void schemalessValuesAreWrittenAsKafkaWritesThem(@ForAll("plainValues") Object value,
                                                     @ForAll("settings") Setting setting) {
        Outcome<byte[]> ours = Outcome.of(() -> setting.ours().fromConnectData("t", null, value));
        Outcome<byte[]> theirs = Outcome.of(() -> setting.theirs().fromConnectData("t", null,
            KafkaConnectData.toKafka(null, value)));
        assertThat(ours.failed()).as("we fail (%s) as Kafka does (%s)", ours.failure(), theirs.failure())
            .isEqualTo(theirs.failed());
        if (ours.failed()) {
            return;
        }
        assertThat(tree(ours.value())).isEqualTo(tree(theirs.value()));
        assertSame(setting.ours().toConnectData("t", theirs.value()),
            fromKafka(setting.theirs().toConnectData("t", ours.value())));
    }

    /**
     * Bytes Kafka cannot read, we cannot read either. (The converse does not hold: Kafka reads some wrong JSON as
     * zeros, falses and nulls, where we fail.)
     */
    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void refusesBytesKafkaRefuses(@ForAll("data") SchemaAndValue data, @ForAll("settings") Setting setting,
                                  @ForAll("mutations") List<Tuple.Tuple2<Integer, Character>> mutations) {
        Outcome<byte[]> written = Outcome.of(() -> setting.ours().fromConnectData("t", data.schema(), data.value()));
        if (written.failed() || written.value() == null) {
            return;
        }
        StringBuilder text = new StringBuilder(new String(written.value(), StandardCharsets.UTF_8));
        for (Tuple.Tuple2<Integer, Character> m : mutations) {
            int at = m.get1() % (text.length() + 1);
            if (m.get2() == '\u0000' && at < text.length()) {
                text.deleteCharAt(at);
            } else {
                text.insert(at, m.get2());
            }
        }
        byte[] mutated = text.toString().getBytes(StandardCharsets.UTF_8);
        Outcome<SchemaAndValue> theirs = Outcome.of(() -> fromKafka(setting.theirs().toConnectData("t", mutated)));
        Outcome<SchemaAndValue> ours = Outcome.of(() -> setting.ours().toConnectData("t", mutated));
        if (theirs.failed() && !String.valueOf(theirs.failure().getMessage()).contains("Struct schemas do not match")) {
            assertThat(ours.failed()).as("we read %s where Kafka failed with %s", ours.value(), theirs.failure())
                .isTrue();
        }
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Integer, Character>>> mutations() {
        Arbitrary<Character> chars = Arbitraries.of('\u0000', '\u0000', '{', '}', '[', ']', '"', ',', ':', '1', '-',
            '.', 'e', 'x', ' ', 'n');
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 10_000), chars).as(Tuple::of)
            .list().ofMinSize(1).ofMaxSize(3);
    }

    /** Values without schema: the Java types Kafka's converter infers a type for, nested, plus some it refuses. */
    @Provide
    Arbitrary<Object> plainValues() {
        return plain(3);
    }

    private Arbitrary<Object> plain(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
            Arbitraries.bytes().map(b -> b), Arbitraries.shorts().map(s -> s), Arbitraries.integers().map(i -> i),
            Arbitraries.longs().map(l -> l), Arbitraries.of(1.5f, 0.1f, 3e10f).map(f -> f),
            Arbitraries.of(2.5, -1e-300, 42.0).map(d -> d), Arbitraries.of(true, false).map(b -> b),
            Arbitraries.strings().alpha().ofMaxLength(5).map(s -> s),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(4).map(b -> b));
        Arbitrary<Object> refused = Arbitraries.of(new BigDecimal("1.5"), new java.util.Date(0),
            new Struct(io.tributary.connect.data.SchemaBuilder.struct().build()));
        if (depth == 0) {
            return Arbitraries.frequencyOf(Tuple.of(20, leaf), Tuple.of(1, refused));
        }
        Arbitrary<Object> inner = plain(depth - 1);
        return Arbitraries.frequencyOf(
            Tuple.of(10, leaf),
            Tuple.of(1, refused),
            Tuple.of(3, inner.injectNull(0.1).list().ofMaxSize(3).map(l -> l)),
            Tuple.of(3, Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(3), inner.injectNull(0.1))
                .ofMaxSize(3).map(m -> m)),
            Tuple.of(1, Arbitraries.maps(Arbitraries.integers().between(0, 9), inner).ofMaxSize(3).map(m -> m)));
    }

    private static boolean isScaleCheck(RuntimeException failure, Setting setting) {
        return setting.decimalFormat() == JsonDecimalFormat.NUMERIC
            && String.valueOf(failure.getMessage()).contains("mismatching scale");
    }

    private static SchemaAndValue fromKafka(org.apache.kafka.connect.data.SchemaAndValue kafka) {
        return new SchemaAndValue(KafkaConnectData.fromKafka(kafka.schema()),
            KafkaConnectData.fromKafka(kafka.schema(), kafka.value()));
    }

    private static void assertSame(SchemaAndValue actual, SchemaAndValue expected) {
        assertThat(actual.schema()).isEqualTo(expected.schema());
        assertThat(Values.deepEquals(actual.value(), expected.value()))
            .as("%s equals %s", actual.value(), expected.value()).isTrue();
    }

    private static JsonNode tree(byte @Nullable [] bytes) {
        if (bytes == null) {
            return JsonText.MAPPER.nullNode();
        }
        try {
            return JsonText.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
