package io.tributary.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.errors.TributaryException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

final class BufferMemoryTest {
    @Test
    void tryReserveTakesOnlyFreeBytesAndNeverJumpsTheQueue() {
        BufferMemory memory = new BufferMemory(100);
        assertThat(memory.tryReserve(60)).isTrue();
        assertThat(memory.tryReserve(60)).isFalse();
        Disposable waiting = memory.reserve(50).subscribe();
        // 40 bytes are free, but the 50-byte wait came first.
        assertThat(memory.tryReserve(10)).isFalse();
        memory.release(60);
        assertThat(memory.available()).isEqualTo(50);
        waiting.dispose();
    }

    @Test
    void aWaitGoesOnWhenEnoughIsReleased() {
        BufferMemory memory = new BufferMemory(100);
        assertThat(memory.tryReserve(100)).isTrue();
        StepVerifier.create(memory.reserve(30))
            .expectSubscription()
            .expectNoEvent(Duration.ofMillis(20))
            .then(() -> memory.release(30))
            .expectComplete()
            .verify(Duration.ofSeconds(5));
        assertThat(memory.available()).isZero();
    }

    @Test
    void aCancelledWaitTakesNothingAndLetsTheNextOneThrough() {
        BufferMemory memory = new BufferMemory(100);
        assertThat(memory.tryReserve(100)).isTrue();
        Disposable cancelled = memory.reserve(80).subscribe();
        cancelled.dispose();
        StepVerifier.create(memory.reserve(20))
            .expectSubscription()
            .then(() -> memory.release(20))
            .expectComplete()
            .verify(Duration.ofSeconds(5));
        memory.release(80);
        // Everything but the 20 bytes the second wait holds: the cancelled one kept nothing.
        assertThat(memory.available()).isEqualTo(80);
    }

    @Test
    void aRecordLargerThanTheWholeBufferIsAnError() {
        StepVerifier.create(new BufferMemory(100).reserve(101))
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TributaryException.class)
                .hasMessageContaining("buffer.memory"))
            .verify();
    }
}
