package io.tributary.connect.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.errors.DataException;
import io.tributary.connect.errors.RetriableConnectException;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

final class RetryWithToleranceOperatorTest {
    private static final ConnectorTaskId TASK = new ConnectorTaskId("c", 0);
    private static final ErrantRecord RECORD = new ErrantRecord("t", 0, 7, null, null, null, List.of(), "record");

    private final List<ProcessingFailure> reported = new CopyOnWriteArrayList<>();
    private final ErrorReporter reporter = f -> Mono.fromRunnable(() -> reported.add(f));

    private static ErrorHandlingConfig config(boolean all, Duration retryTimeout) {
        return new ErrorHandlingConfig(all, retryTimeout, Duration.ofSeconds(1), false, false, "", (short) 1, false);
    }

    @Test
    void retriesRetriableFailuresWithBackoffWithinTheTimeout() {
        AtomicInteger attempts = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> new RetryWithToleranceOperator(TASK, config(false, Duration.ofSeconds(5)),
                List.of(reporter), VirtualTimeScheduler.get())
                .execute(Stage.VALUE_CONVERTER, "Conv", () -> {
                    if (attempts.incrementAndGet() < 4) {
                        throw new RetriableConnectException("not yet");
                    }
                    return "ok";
                }, () -> RECORD))
            .expectSubscription()
            .thenAwait(Duration.ofSeconds(4))
            .expectNext("ok")
            .expectComplete()
            .verify(Duration.ofSeconds(5));
        assertThat(attempts).hasValue(4);
        assertThat(reported).isEmpty();
    }

    @Test
    void skipsAndReportsWhatFailsUnderToleranceAll() {
        StepVerifier.create(new RetryWithToleranceOperator(TASK, config(true, Duration.ZERO), List.of(reporter),
                Schedulers.parallel())
                .execute(Stage.TRANSFORMATION, e -> "Poison", () -> {
                    throw new DataException("bad");
                }, () -> RECORD))
            .expectComplete()
            .verify(Duration.ofSeconds(5));
        assertThat(reported).singleElement().satisfies(f -> {
            assertThat(f.stage()).isEqualTo(Stage.TRANSFORMATION);
            assertThat(f.executingClass()).isEqualTo("Poison");
            assertThat(f.record().offset()).isEqualTo(7);
        });
    }

    @Test
    void failsTheTaskUnderToleranceNoneAfterReporting() {
        StepVerifier.create(new RetryWithToleranceOperator(TASK, config(false, Duration.ZERO), List.of(reporter),
                Schedulers.parallel())
                .execute(Stage.KEY_CONVERTER, "Conv", () -> {
                    throw new DataException("bad");
                }, () -> RECORD))
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ToleranceExceededException.class)
                .hasMessage("Tolerance exceeded in error handler")
                .hasCauseInstanceOf(DataException.class))
            .verify(Duration.ofSeconds(5));
        assertThat(reported).hasSize(1);
    }

    @Test
    void anOperationReturningNullEmitsNothing() {
        StepVerifier.create(new RetryWithToleranceOperator(TASK, config(false, Duration.ZERO), List.of(reporter),
                Schedulers.parallel())
                .execute(Stage.TRANSFORMATION, "Filter", () -> null, () -> RECORD))
            .expectComplete()
            .verify(Duration.ofSeconds(5));
        assertThat(reported).isEmpty();
    }
}
