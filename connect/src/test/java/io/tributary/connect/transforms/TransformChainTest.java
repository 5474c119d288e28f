package io.tributary.connect.transforms;

import static io.tributary.connect.transforms.Differential.config;
import static io.tributary.connect.transforms.Fixtures.onTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigException;
import io.tributary.connect.config.ConfigValue;
import io.tributary.connect.data.Schema;
import io.tributary.connect.source.SourceRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class TransformChainTest {
    private static final String OURS = "io.tributary.connect.transforms.";
    private static final String KAFKA = "org.apache.kafka.connect.transforms.";
    private static final String RECORDING = RecordingTransform.class.getName();

    @BeforeEach
    void clearEvents() {
        RecordingTransform.EVENTS.clear();
    }

    private static String topicAfter(Map<String, String> config, String topic) {
        try (TransformChain<SourceRecord> chain = TransformChain.create(config, loader())) {
            SourceRecord out = chain.apply((SourceRecord) onTopic(topic));
            return out == null ? "<dropped>" : out.topic();
        }
    }

    private static ClassLoader loader() {
        return TransformChainTest.class.getClassLoader();
    }

    @Test
    void appliesTransformsInTheOrderListed() {
        Map<String, String> config = config("transforms", "first,second",
            "transforms.first.type", RECORDING, "transforms.first.suffix", "-1",
            "transforms.second.type", OURS + "RegexRouter", "transforms.second.regex", "(.*)-1",
            "transforms.second.replacement", "$1-one");
        assertThat(topicAfter(config, "t")).isEqualTo("t-one");

        config.put("transforms", "second,first");
        assertThat(topicAfter(config, "t")).isEqualTo("t-1");
    }

    @Test
    void appliesATransformOnlyWhereItsPredicateHolds() {
        Map<String, String> config = config("transforms", "drop", "transforms.drop.type", OURS + "Filter",
            "transforms.drop.predicate", "internal", "predicates", "internal",
            "predicates.internal.type", OURS + "predicates.TopicNameMatches", "predicates.internal.pattern", "_.*");
        assertThat(topicAfter(config, "_offsets")).isEqualTo("<dropped>");
        assertThat(topicAfter(config, "orders")).isEqualTo("orders");
    }

    @Test
    void negateAppliesATransformWhereItsPredicateDoesNotHold() {
        Map<String, String> config = config("transforms", "keep", "transforms.keep.type", OURS + "Filter",
            "transforms.keep.predicate", "internal", "transforms.keep.negate", "true", "predicates", "internal",
            "predicates.internal.type", OURS + "predicates.TopicNameMatches", "predicates.internal.pattern", "_.*");
        assertThat(topicAfter(config, "_offsets")).isEqualTo("_offsets");
        assertThat(topicAfter(config, "orders")).isEqualTo("<dropped>");
    }

    @Test
    void aDroppedRecordSkipsTheRestOfTheChain() {
        // MaskField would fail on a string value; the chain must stop at the Filter before it.
        Map<String, String> config = config("transforms", "drop,mask", "transforms.drop.type", OURS + "Filter",
            "transforms.mask.type", OURS + "MaskField$Value", "transforms.mask.fields", "x");
        try (TransformChain<SourceRecord> chain = TransformChain.create(config, loader())) {
            assertThat(chain.apply(Fixtures.bare(null, "text"))).isNull();
        }
    }

    @Test
    void anEmptyChainReturnsTheRecordItself() {
        SourceRecord record = Fixtures.bare(Schema.STRING_SCHEMA, "v");
        try (TransformChain<SourceRecord> chain = TransformChain.create(Map.of("name", "c"), loader())) {
            assertThat(chain.isEmpty()).isTrue();
            assertThat(chain.apply(record)).isSameAs(record);
        }
        assertThat(TransformChain.<SourceRecord>empty().apply(record)).isSameAs(record);
    }

    @Test
    void acceptsKafkaConnectClassNamesOfTheBuiltIns() {
        Map<String, String> config = config("transforms", "route,wrap,drop",
            "transforms.route.type", KAFKA + "RegexRouter", "transforms.route.regex", "a",
            "transforms.route.replacement", "b",
            "transforms.wrap.type", KAFKA + "HoistField$Value", "transforms.wrap.field", "line",
            "transforms.drop.type", KAFKA + "Filter", "transforms.drop.predicate", "tombstone",
            "predicates", "tombstone", "predicates.tombstone.type", KAFKA + "predicates.RecordIsTombstone");
        try (TransformChain<SourceRecord> chain = TransformChain.create(config)) {
            SourceRecord out = chain.apply((SourceRecord) onTopic("a"));
            assertThat(out.topic()).isEqualTo("b");
            assertThat(out.valueSchema().field("line")).isNotNull();
            assertThat(chain.apply(Fixtures.bare(null, null))).isNotNull();
            assertThat(chain.aliases()).containsExactly("route", "wrap", "drop");
        }
    }

    @Test
    void acceptsShortAndCanonicalNamesOfTheBuiltIns() {
        assertThat(topicAfter(config("transforms", "r", "transforms.r.type", "RegexRouter", "transforms.r.regex",
            "a", "transforms.r.replacement", "b"), "a")).isEqualTo("b");
        Map<String, String> nested = config("transforms", "i", "transforms.i.type", OURS + "InsertField.Value",
            "transforms.i.topic.field", "t");
        try (TransformChain<SourceRecord> chain = TransformChain.create(nested)) {
            assertThat(chain.apply(Fixtures.bare(null, new HashMap<>())).value()).isEqualTo(Map.of("t", "orders"));
        }
    }

    @Test
    void configuresOtherClassesWithTheirSettingsWithoutPrefixPredicateOrNegate() {
        Map<String, String> config = config("transforms", "rec", "transforms.rec.type", RECORDING,
            "transforms.rec.suffix", "-x", "transforms.rec.predicate", "p", "transforms.rec.negate", "false",
            "predicates", "p", "predicates.p.type", OURS + "predicates.RecordIsTombstone", "unrelated", "1");
        assertThat(topicAfter(config, "t")).isEqualTo("t");
        assertThat(RecordingTransform.EVENTS).containsExactly(
            "configure {suffix=-x, type=" + RECORDING + "}", "close -x");
    }

    @Test
    void closesEveryTransformOnClose() {
        Map<String, String> config = config("transforms", "a,b", "transforms.a.type", RECORDING,
            "transforms.a.suffix", "1", "transforms.b.type", RECORDING, "transforms.b.suffix", "2");
        TransformChain.<SourceRecord>create(config, loader()).close();
        assertThat(RecordingTransform.EVENTS).endsWith("close 1", "close 2");
    }

    @Test
    void closesTheTransformsBuiltSoFarWhenALaterOneFails() {
        Map<String, String> config = config("transforms", "a,b", "transforms.a.type", RECORDING,
            "transforms.a.suffix", "1", "transforms.b.type", RECORDING, "transforms.b.fail", "true");
        assertThatThrownBy(() -> TransformChain.create(config, loader()))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("transform 'b'")
            .hasMessageContaining("fail was set");
        assertThat(RecordingTransform.EVENTS).contains("close 1");
    }

    @Test
    void failsWithMessagesNamingTheAliasAndKey() {
        assertCreateFails(config("transforms", "x"), "transform 'x'", "transforms.x.type");
        assertCreateFails(config("transforms", "x", "transforms.x.type", "com.example.Missing"), "transform 'x'",
            "com.example.Missing could not be found");
        assertCreateFails(config("transforms", "x", "transforms.x.type", KAFKA + "SetSchemaMetadata$Value"),
            "transform 'x'", "Kafka Connect's own transforms");
        assertCreateFails(config("transforms", "x", "transforms.x.type", OURS + "InsertField"), "abstract");
        assertCreateFails(config("transforms", "x", "transforms.x.type", OURS + "predicates.RecordIsTombstone"),
            "is not a " + Transformation.class.getName());
        assertCreateFails(config("transforms", "x", "transforms.x.type", OURS + "InsertField$Value"),
            "transform 'x'", "No field insertion configured");
        assertCreateFails(config("transforms", "x", "transforms.x.type", OURS + "Filter",
            "transforms.x.predicate", "p"), "predicate 'p' of transform 'x'", "not listed in 'predicates'");
        assertCreateFails(config("transforms", "x", "transforms.x.type", OURS + "Filter", "transforms.x.negate",
            "true"), "transforms.x.negate", "no config 'transforms.x.predicate'");
        assertCreateFails(config("transforms", "x", "transforms.x.type", OURS + "Filter",
            "transforms.x.predicate", "p", "predicates", "p"), "predicate 'p' of transform 'x'",
            "predicates.p.type");
        assertCreateFails(config("transforms", "x,x"), "Duplicate alias");
    }

    private static void assertCreateFails(Map<String, String> config, String... messageParts) {
        assertThatThrownBy(() -> TransformChain.create(config, loader()))
            .isInstanceOf(ConfigException.class)
            .message()
            .contains(messageParts);
    }

    @Test
    void validatesAValidConfigurationWithoutErrors() {
        Map<String, String> config = config("transforms", "i,f", "transforms.i.type", KAFKA + "InsertField$Value",
            "transforms.i.topic.field", "t", "transforms.f.type", OURS + "Filter", "transforms.f.predicate", "p",
            "predicates", "p", "predicates.p.type", KAFKA + "predicates.HasHeaderKey", "predicates.p.name", "h");
        List<ConfigValue> values = TransformChain.validate(config, loader());
        assertThat(values).allSatisfy(v -> assertThat(v.errors()).as(v.name()).isEmpty());
        assertThat(values).extracting(ConfigValue::name).contains("transforms", "predicates",
            "transforms.i.type", "transforms.i.topic.field", "transforms.i.static.value", "transforms.f.predicate",
            "transforms.f.negate", "predicates.p.type", "predicates.p.name");
    }

    @Test
    void validationReportsErrorsPerKey() {
        Map<String, String> config = config("transforms", "missing,unknown,cast,insert,pred,neg,dup,dup",
            "transforms.unknown.type", "com.example.Nope",
            "transforms.cast.type", OURS + "Cast$Value", "transforms.cast.spec", "a:int128",
            "transforms.insert.type", OURS + "InsertField$Value",
            "transforms.pred.type", OURS + "Filter", "transforms.pred.predicate", "undeclared",
            "transforms.neg.type", OURS + "Filter", "transforms.neg.negate", "maybe",
            "transforms.dup.type", OURS + "Filter",
            "predicates", "p", "predicates.p.type", OURS + "predicates.TopicNameMatches");
        Map<String, List<String>> errors = TransformChain.validate(config, loader()).stream()
            .filter(v -> !v.errors().isEmpty())
            .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errors));
        assertThat(errors).containsOnlyKeys("transforms", "transforms.missing.type", "transforms.unknown.type",
            "transforms.cast.spec", "transforms.insert.type", "transforms.pred.predicate", "transforms.neg.negate",
            "predicates.p.pattern");
        assertThat(errors.get("transforms")).singleElement().asString().contains("Duplicate alias");
        assertThat(errors.get("transforms.unknown.type")).singleElement().asString().contains("could not be found");
        assertThat(errors.get("transforms.cast.spec")).singleElement().asString().contains("int128");
        assertThat(errors.get("transforms.insert.type")).singleElement().asString()
            .contains("No field insertion configured");
        assertThat(errors.get("transforms.pred.predicate")).singleElement().asString().contains("undeclared");
        assertThat(errors.get("predicates.p.pattern")).singleElement().asString().contains("Missing required");
    }

    @Test
    void validationFlagsClassesOfTheWrongKind() {
        Map<String, String> config = config("transforms", "x", "transforms.x.type", KAFKA + "DropHeaders",
            "predicates", "p", "predicates.p.type", OURS + "Filter");
        Map<String, List<String>> errors = TransformChain.validate(config, loader()).stream()
            .filter(v -> !v.errors().isEmpty())
            .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errors));
        assertThat(errors).containsOnlyKeys("transforms.x.type", "predicates.p.type");
    }

    @Test
    void exceptionsOfTransformsPassThroughUnchanged() {
        Map<String, String> config = config("transforms", "m", "transforms.m.type", OURS + "MaskField$Value",
            "transforms.m.fields", "x");
        try (TransformChain<SourceRecord> chain = TransformChain.create(config, loader())) {
            ConnectRecord<?> record = Fixtures.bare(null, "text");
            assertThatThrownBy(() -> chain.apply((SourceRecord) record))
                .isInstanceOf(io.tributary.connect.errors.DataException.class);
        }
    }
}
