package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The broker tests run with BlockHound: blocking on a non-blocking thread is an error, not a silent stall. */
final class BlockHoundActiveTest {

    @Test
    void blockingOnANonBlockingThreadFails() {
        String outcome = Mono.fromCallable(() -> {
            Thread.sleep(1);
            return "slept";
        }).subscribeOn(Schedulers.parallel())
            .onErrorResume(e -> Mono.just(e.getClass().getSimpleName()))
            .block(Duration.ofSeconds(5));
        assertThat(outcome).isEqualTo("BlockingOperationError");
    }
}
