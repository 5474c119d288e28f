package io.tributary.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.errors.TributaryException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

final class PendingFaultTest {
    private final AtomicLong round = new AtomicLong(3);
    private final PendingFault fault = new PendingFault(round::get);

    @Test
    void keepsTheGravestOfSeveralFaults() {
        fault.raise(GroupReaction.REJOIN, 3, new TributaryException("rebalance"));
        fault.raise(GroupReaction.RESET_MEMBER, 3, new TributaryException("unknown member"));
        fault.raise(GroupReaction.RESET_GENERATION, PendingFault.ANY_ROUND, new TributaryException("generation"));

        assertThat(fault.take()).extracting(PendingFault.Fault::reaction).isEqualTo(GroupReaction.RESET_MEMBER);
        assertThat(fault.take()).isNull();
    }

    @Test
    void dropsFaultsAboutAnOlderJoinRound() {
        fault.raise(GroupReaction.REJOIN, 2, new TributaryException("old heartbeat"));
        assertThat(fault.take()).isNull();

        fault.raise(GroupReaction.RESET_GENERATION, 3, new TributaryException("heartbeat"));
        round.set(4);

        StepVerifier.create(fault.await(false))
            .expectSubscription()
            .expectNoEvent(Duration.ofMillis(100))
            .thenCancel()
            .verify(Duration.ofSeconds(5));
        assertThat(fault.take()).isNull();
    }

    @Test
    void aFatalFaultIsNeverStale() {
        fault.raise(GroupReaction.FATAL, 1, new TributaryException("fenced instance"));
        round.set(9);

        assertThat(fault.take()).extracting(PendingFault.Fault::reaction).isEqualTo(GroupReaction.FATAL);
    }

    @Test
    void awaitEndsWhenAFaultArrivesOrTheLoopIsWoken() {
        StepVerifier.create(fault.await(false))
            .expectSubscription()
            .then(() -> fault.raise(GroupReaction.REJOIN, 3, new TributaryException("rebalance")))
            .expectComplete()
            .verify(Duration.ofSeconds(5));
        StepVerifier.create(fault.await(false))
            .expectComplete()
            .verify(Duration.ofSeconds(5));
        fault.take();

        StepVerifier.create(fault.await(false))
            .expectSubscription()
            .then(fault::wake)
            .expectComplete()
            .verify(Duration.ofSeconds(5));
        StepVerifier.create(fault.await(true))
            .expectComplete()
            .verify(Duration.ofSeconds(5));
    }
}
