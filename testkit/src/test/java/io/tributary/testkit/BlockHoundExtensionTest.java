package io.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@ExtendWith(BlockHoundExtension.class)
final class BlockHoundExtensionTest {

    @Test
    void aBlockingCallOnANonBlockingThreadThrowsAndIsRecorded() {
        String outcome = Mono.fromCallable(() -> {
            Thread.sleep(1);
            return "slept";
        }).subscribeOn(Schedulers.parallel())
            .onErrorResume(BlockingOperationError.class, e -> Mono.just("caught"))
            .block(Duration.ofSeconds(5));

        assertThat(outcome).isEqualTo("caught");
        assertThat(BlockHoundExtension.takeDetections()).singleElement()
            .extracting(Throwable::getMessage).asString().contains("Thread.sleep");
    }

    @Test
    void waitingForAContendedLockIsRecordedButNotThrownSoTheLockStaysUsable() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        lock.lock();
        Mono<String> contended = Mono.fromCallable(() -> {
            lock.lock();   // parks on a non-blocking thread until the test thread lets go
            lock.unlock();
            return "acquired";
        }).subscribeOn(Schedulers.parallel());
        var first = contended.toFuture();
        Thread.sleep(200);
        lock.unlock();
        assertThat(first.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("acquired");

        // Thrown out of the wait, the error would have left a dead waiter queued: this second contender would hang.
        lock.lock();
        var second = contended.toFuture();
        Thread.sleep(200);
        lock.unlock();
        assertThat(second.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("acquired");
        assertThat(BlockHoundExtension.takeDetections()).isNotEmpty()
            .allSatisfy(e -> assertThat(e.getMessage()).contains("Unsafe#park"));
    }

    @Test
    void blockingInsideAClassInitializerIsLeftAlone() {
        String outcome = Mono.fromCallable(() -> SlowToInitialize.VALUE)
            .subscribeOn(Schedulers.parallel())
            .block(Duration.ofSeconds(5));

        assertThat(outcome).isEqualTo("ready");
        assertThat(BlockHoundExtension.takeDetections()).isEmpty();
    }

    /** Blocks once, in its initializer, as a native library loader or a resource reader does. */
    private static final class SlowToInitialize {
        static final String VALUE = initialize();

        private static String initialize() {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "ready";
        }
    }
}
