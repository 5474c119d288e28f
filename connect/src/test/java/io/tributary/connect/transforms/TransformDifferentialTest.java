package io.tributary.connect.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in transform and predicate against Kafka Connect's own, row by row: the same settings and records go
 * through both, and the results (converted back) or failures must agree.
 */
final class TransformDifferentialTest {
    static Stream<DifferentialCase> cases() {
        return Stream.of(FieldTransformCases.cases(), ConversionTransformCases.cases(), RoutingCases.cases())
            .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithKafkaConnect(DifferentialCase c) {
        Differential.assertAgree(c);
    }

    /** Guards the table against agreeing vacuously, e.g. if converting records broke Kafka's side everywhere. */
    @Test
    void mostInputsSucceedOnKafkasSide() {
        long inputs = cases().mapToLong(c -> c.inputs().size()).sum();
        long successes = cases().mapToLong(Differential::kafkaSuccesses).sum();
        assertThat(successes).isGreaterThan(inputs / 2);
    }
}
