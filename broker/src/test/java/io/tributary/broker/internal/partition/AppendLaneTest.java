package io.tributary.broker.internal.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.internal.log.LogStorageException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

final class AppendLaneTest {
    private record Append(String name, List<String> outcomes, CountDownLatch done) implements AppendLane.Pending {
        @Override
        public void complete(@Nullable Throwable failure) {
            outcomes.add(name + (failure == null ? " written" : " failed: " + failure.getMessage()));
            done.countDown();
        }
    }

    @Test
    void appendsAreWrittenInSubmissionOrderAndAFailureIsToldToItsOwnerOnly() throws InterruptedException {
        Scheduler io = Schedulers.newBoundedElastic(2, 100, "test-io");
        try {
            List<String> written = new CopyOnWriteArrayList<>();
            List<String> outcomes = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(4);
            AppendLane<Append> lane = new AppendLane<>("__consumer_offsets-0", io, a -> {
                if (a.name().equals("c")) {
                    throw LogStorageException.closed("the log of __consumer_offsets-0 is closed");
                }
                written.add(a.name());
            });
            for (String name : List.of("a", "b", "c", "d")) {
                lane.submit(new Append(name, outcomes, done));
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(written).containsExactly("a", "b", "d");
            assertThat(outcomes).containsExactly("a written", "b written",
                "c failed: the log of __consumer_offsets-0 is closed", "d written");
        } finally {
            io.dispose();
        }
    }

    @Test
    void aLaneWhoseSchedulerIsGoneFailsItsAppendsInsteadOfLosingThem() throws InterruptedException {
        Scheduler io = Schedulers.newSingle("gone");
        io.dispose();
        List<String> outcomes = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        new AppendLane<Append>("__transaction_state-3", io, a -> { }).submit(new Append("a", outcomes, done));
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(outcomes).singleElement().asString().startsWith("a failed");
    }
}
