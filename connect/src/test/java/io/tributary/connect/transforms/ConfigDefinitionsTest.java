package io.tributary.connect.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.transforms.internal.PluginLoader;
import io.tributary.connect.transforms.predicates.Predicate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each built-in defines the keys of its Kafka Connect counterpart, with the same types and defaults. */
final class ConfigDefinitionsTest {
    private static final String T = "org.apache.kafka.connect.transforms.";
    /** Keys defined beyond Kafka Connect 4.3.1's: ReplaceField's removed aliases, kept here. */
    private static final Set<String> EXTRA_KEYS = Set.of("blacklist", "whitelist");

    static Stream<String> kafkaClassNames() {
        return Stream.of("Cast$Value", "ExtractField$Value", "Flatten$Value", "HoistField$Value",
            "InsertField$Value", "MaskField$Value", "ReplaceField$Value", "TimestampConverter$Value", "ValueToKey",
            "RegexRouter", "TimestampRouter", "Filter", "predicates.TopicNameMatches", "predicates.HasHeaderKey",
            "predicates.RecordIsTombstone").map(n -> T + n);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kafkaClassNames")
    void definesTheKeysTypesAndDefaultsOfKafkaConnects(String kafkaClassName) throws ReflectiveOperationException {
        Object kafka = Class.forName(kafkaClassName).getConstructor().newInstance();
        org.apache.kafka.common.config.ConfigDef kafkaDef = kafka instanceof
            org.apache.kafka.connect.transforms.Transformation<?> t ? t.config()
            : ((org.apache.kafka.connect.transforms.predicates.Predicate<?>) kafka).config();
        boolean predicate = kafkaClassName.contains(".predicates.");
        Class<?> kind = predicate ? Predicate.class : Transformation.class;
        Object ours = PluginLoader.instantiate("type", PluginLoader.load("type", kafkaClassName, kind,
            getClass().getClassLoader()), kind);
        ConfigDef ourDef = ours instanceof Transformation<?> t ? t.config() : ((Predicate<?>) ours).config();

        assertThat(describe(ourDef)).isEqualTo(describeKafka(kafkaDef));
    }

    private static Map<String, String> describe(ConfigDef def) {
        Map<String, String> out = new TreeMap<>();
        def.configKeys().values().stream()
            .filter(k -> !EXTRA_KEYS.contains(k.name()))
            .forEach(k -> out.put(k.name(), k.type() + " " + (k.hasDefault() ? k.defaultValue() : "<required>")));
        return out;
    }

    private static Map<String, String> describeKafka(org.apache.kafka.common.config.ConfigDef def) {
        Map<String, String> out = new TreeMap<>();
        def.configKeys().values().forEach(k -> out.put(k.name, k.type + " "
            + (k.hasDefault() ? k.defaultValue : "<required>")));
        return out;
    }
}
