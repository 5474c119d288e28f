package io.tributary.connect.transforms;

import static io.tributary.connect.transforms.Fixtures.value;

import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.Struct;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Flatten, Cast and ReplaceField against Kafka Connect's on random structs (and their schemaless twins), with random
 * settings: the outputs, or the failures, must agree.
 */
final class RandomStructDifferentialTest {
    private static final String T = "org.apache.kafka.connect.transforms.";
    private static final String[] CAST_TYPES = {"int8", "int16", "int32", "int64", "float32", "float64", "boolean",
        "string"};

    /** A random case of one transform: settings and records built from one random source. */
    record Sample(DifferentialCase differentialCase) {
        @Override
        public String toString() {
            return differentialCase + " " + differentialCase.config() + " " + differentialCase.inputs();
        }
    }

    @Property(tries = 300)
    void flattenAgrees(@ForAll("flattenCases") Sample sample) {
        check(sample);
    }

    @Property(tries = 300)
    void castAgrees(@ForAll("castCases") Sample sample) {
        check(sample);
    }

    @Property(tries = 300)
    void replaceFieldAgrees(@ForAll("replaceCases") Sample sample) {
        check(sample);
    }

    /**
     * Checks agreement, and that Kafka Connect turns a fair share of the random inputs into records: agreeing only on
     * failures would prove little.
     */
    private static void check(Sample sample) {
        Differential.assertAgree(sample.differentialCase());
        boolean succeeded = Differential.kafkaSuccesses(sample.differentialCase()) > 0;
        Statistics.label("Kafka Connect produced records").collect(succeeded);
        Statistics.label("Kafka Connect produced records")
            .coverage(coverage -> coverage.check(true).percentage(p -> p > 40));
    }

    @Provide
    Arbitrary<Sample> flattenCases() {
        return Arbitraries.randomValue(r -> {
            Schema schema = RandomStructs.schema(r, 2, true);
            Map<String, String> config = r.nextBoolean() ? Map.of() : Map.of("delimiter", r.nextBoolean() ? "_" : "");
            return sample("random nested struct", T + "Flatten$Value", config, r, schema);
        });
    }

    @Provide
    Arbitrary<Sample> castCases() {
        return Arbitraries.randomValue(r -> {
            Schema schema = RandomStructs.schema(r, 1, r.nextInt(4) == 0);
            List<String> spec = new ArrayList<>();
            for (Field field : schema.fields()) {
                if (r.nextInt(3) != 0) {
                    spec.add(field.name() + ":" + CAST_TYPES[r.nextInt(CAST_TYPES.length)]);
                }
            }
            if (spec.isEmpty() || r.nextInt(8) == 0) {
                spec.add("zz:" + CAST_TYPES[r.nextInt(CAST_TYPES.length)].toUpperCase(Locale.ROOT));
            }
            Map<String, String> config = Map.of("spec", String.join(",", spec), "replace.null.with.default",
                String.valueOf(r.nextBoolean()));
            return sample("random struct fields", T + "Cast$Value", config, r, schema);
        });
    }

    @Provide
    Arbitrary<Sample> replaceCases() {
        return Arbitraries.randomValue(r -> {
            Schema schema = RandomStructs.schema(r, 1, true);
            Map<String, String> config = new LinkedHashMap<>();
            config.put("include", r.nextBoolean() ? "" : String.join(",", someNames(r)));
            config.put("exclude", r.nextBoolean() ? "" : String.join(",", someNames(r)));
            List<String> renames = new ArrayList<>();
            for (String from : someNames(r)) {
                renames.add(from + ":" + (r.nextBoolean() ? from.toUpperCase(Locale.ROOT)
                    : RandomStructs.NAMES.get(r.nextInt(RandomStructs.NAMES.size()))));
            }
            config.put("renames", String.join(",", renames));
            config.put("replace.null.with.default", String.valueOf(r.nextBoolean()));
            return sample("random struct fields", T + "ReplaceField$Value", config, r, schema);
        });
    }

    private static List<String> someNames(Random r) {
        List<String> names = new ArrayList<>(RandomStructs.NAMES);
        Collections.shuffle(names, r);
        return names.subList(0, r.nextInt(4));
    }

    /** Two structs of {@code schema}, sharing the transform's schema cache, and the first one's schemaless twin. */
    private static Sample sample(String name, String className, Map<String, String> config, Random r,
                                 Schema schema) {
        Struct first = RandomStructs.struct(r, schema);
        Struct second = RandomStructs.struct(r, schema);
        return new Sample(DifferentialCase.of(name, className, config, value(schema, first), value(schema, second),
            value(null, RandomStructs.asMap(first))));
    }
}
