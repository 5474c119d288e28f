package io.tributary.connect.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.transforms.internal.PluginLoader;
import io.tributary.connect.transforms.predicates.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link DifferentialCase} through Kafka Connect's class and through the Tributary class that
 * {@link PluginLoader} maps its name to, and checks that they agree record by record: the same output record
 * (converted back from Kafka's model), both dropping it, or both throwing (when configured or when applied).
 */
final class Differential {
    private static final String KAFKA_PREDICATES = "org.apache.kafka.connect.transforms.predicates.";

    /** The outcome of one input: a record, {@link #DROPPED}, a {@link Boolean} (predicates) or a {@link Failure}. */
    private static final Object DROPPED = "<dropped>";

    private Differential() {
    }

    /** A thrown exception; only the fact of failing is compared, the exception is kept for the message. */
    record Failure(String stage, Throwable error) {
        @Override
        public String toString() {
            return "failed to " + stage + ": " + error;
        }
    }

    /** Asserts that Kafka Connect and Tributary agree on every input of {@code c}. */
    static void assertAgree(DifferentialCase c) {
        boolean predicate = c.className().startsWith(KAFKA_PREDICATES);
        List<Object> kafka = predicate ? runKafkaPredicate(c) : runKafkaTransform(c);
        List<Object> ours = predicate ? runOurPredicate(c) : runOurTransform(c);
        for (int i = 0; i < kafka.size(); i++) {
            Object expected = kafka.get(i);
            Object actual = ours.get(i);
            String what = c + ", input " + i + ": " + c.inputs().get(i) + "\n Kafka: " + expected + "\n ours:  "
                + actual;
            if (expected instanceof Failure) {
                assertThat(actual).as(what).isInstanceOf(Failure.class);
            } else {
                assertThat(actual).as(what).isEqualTo(expected);
            }
        }
    }

    /** How many inputs of {@code c} Kafka Connect turns into a record, a drop or a predicate answer. */
    static long kafkaSuccesses(DifferentialCase c) {
        boolean predicate = c.className().startsWith(KAFKA_PREDICATES);
        return (predicate ? runKafkaPredicate(c) : runKafkaTransform(c)).stream()
            .filter(o -> !(o instanceof Failure))
            .count();
    }

    private static List<Object> runKafkaTransform(DifferentialCase c) {
        org.apache.kafka.connect.transforms.Transformation<?> t;
        try {
            t = (org.apache.kafka.connect.transforms.Transformation<?>) Class.forName(c.className())
                .getConstructor().newInstance();
            t.configure(c.config());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        } catch (RuntimeException e) {
            return failedAll(c, "configure", e);
        }
        List<Object> out = new ArrayList<>();
        for (ConnectRecord<?> input : c.inputs()) {
            try {
                org.apache.kafka.connect.connector.ConnectRecord<?> result = applyKafka(t, KafkaRecords.toKafka(input));
                out.add(result == null ? DROPPED : KafkaRecords.fromKafka(result, input));
            } catch (RuntimeException e) {
                out.add(new Failure("apply", e));
            }
        }
        t.close();
        return out;
    }

    private static List<Object> runOurTransform(DifferentialCase c) {
        Transformation<?> t;
        try {
            Class<?> type = PluginLoader.load("type", c.className(), Transformation.class, loader());
            t = PluginLoader.instantiate("type", type, Transformation.class);
            t.configure(c.config());
        } catch (RuntimeException e) {
            return failedAll(c, "configure", e);
        }
        List<Object> out = new ArrayList<>();
        for (ConnectRecord<?> input : c.inputs()) {
            try {
                ConnectRecord<?> result = applyOurs(t, input);
                out.add(result == null ? DROPPED : result);
            } catch (RuntimeException e) {
                out.add(new Failure("apply", e));
            }
        }
        t.close();
        return out;
    }

    private static List<Object> runKafkaPredicate(DifferentialCase c) {
        org.apache.kafka.connect.transforms.predicates.Predicate<?> p;
        try {
            p = (org.apache.kafka.connect.transforms.predicates.Predicate<?>) Class.forName(c.className())
                .getConstructor().newInstance();
            p.configure(c.config());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        } catch (RuntimeException e) {
            return failedAll(c, "configure", e);
        }
        List<Object> out = new ArrayList<>();
        for (ConnectRecord<?> input : c.inputs()) {
            try {
                out.add(testKafka(p, KafkaRecords.toKafka(input)));
            } catch (RuntimeException e) {
                out.add(new Failure("test", e));
            }
        }
        return out;
    }

    private static List<Object> runOurPredicate(DifferentialCase c) {
        Predicate<?> p;
        try {
            Class<?> type = PluginLoader.load("type", c.className(), Predicate.class, loader());
            p = PluginLoader.instantiate("type", type, Predicate.class);
            p.configure(c.config());
        } catch (RuntimeException e) {
            return failedAll(c, "configure", e);
        }
        List<Object> out = new ArrayList<>();
        for (ConnectRecord<?> input : c.inputs()) {
            try {
                out.add(testOurs(p, input));
            } catch (RuntimeException e) {
                out.add(new Failure("test", e));
            }
        }
        return out;
    }

    private static List<Object> failedAll(DifferentialCase c, String stage, RuntimeException e) {
        List<Object> out = new ArrayList<>();
        c.inputs().forEach(i -> out.add(new Failure(stage, e)));
        return out;
    }

    private static ClassLoader loader() {
        return Differential.class.getClassLoader();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static org.apache.kafka.connect.connector.@Nullable ConnectRecord<?> applyKafka(
        org.apache.kafka.connect.transforms.Transformation t, org.apache.kafka.connect.connector.ConnectRecord r) {
        return (org.apache.kafka.connect.connector.ConnectRecord<?>) t.apply(r);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static @Nullable ConnectRecord<?> applyOurs(Transformation t, ConnectRecord r) {
        return (ConnectRecord<?>) t.apply(r);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean testKafka(org.apache.kafka.connect.transforms.predicates.Predicate p,
                                     org.apache.kafka.connect.connector.ConnectRecord r) {
        return p.test(r);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean testOurs(Predicate p, ConnectRecord r) {
        return p.test(r);
    }

    /** Settings from alternating keys and values. */
    static Map<String, String> config(String... keysAndValues) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
