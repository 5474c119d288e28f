package io.tributary.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

final class IoExecutorTest {
    @Test
    void nonBlockingThreadsHandWorkToTheIoThreadsWithoutWaitingForALock() throws InterruptedException {
        // BlockHound runs in these tests: a submitting thread parked on a contended queue lock fails them.
        ExecutorService io = Broker.ioExecutor("test-io", 4);
        AtomicInteger ran = new AtomicInteger();
        try {
            Flux.range(0, 2)
                .parallel(2)
                .runOn(Schedulers.parallel())
                .doOnNext(i -> {
                    for (int n = 0; n < 100_000; n++) {
                        io.execute(ran::incrementAndGet);
                    }
                })
                .sequential()
                .blockLast(Duration.ofSeconds(60));
        } finally {
            io.shutdown();
            assertThat(io.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(ran).hasValue(200_000);
    }
}
