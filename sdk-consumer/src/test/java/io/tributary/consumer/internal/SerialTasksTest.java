package io.tributary.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

final class SerialTasksTest {
    @Test
    void aTaskStartsOnlyOnceTheOnePostedBeforeItHasFinished() {
        SerialTasks tasks = new SerialTasks("commits");
        List<String> events = new CopyOnWriteArrayList<>();
        Sinks.Empty<Void> firstAnswer = Sinks.empty();
        tasks.post(() -> {
            events.add("first sent");
            return firstAnswer.asMono().doOnSuccess(v -> events.add("first answered"));
        });
        tasks.post(() -> {
            events.add("second sent");
            return Mono.empty();
        });
        assertThat(events).containsExactly("first sent");

        firstAnswer.tryEmitEmpty();

        assertThat(events).containsExactly("first sent", "first answered", "second sent");
    }

    @Test
    void offsetsWorkedOutWhenATaskRunsNeverGoBackAfterASlowFailingOne() throws InterruptedException {
        // A commit's offsets are read when its turn comes, as ConsumerSession does: the group's offset can only
        // move forward, even when an earlier commit fails slowly and the acknowledged offset moved meanwhile.
        SerialTasks tasks = new SerialTasks("commits");
        AtomicLong acknowledged = new AtomicLong(10);
        List<Long> committed = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(2);
        tasks.post(() -> Mono.delay(Duration.ofMillis(50))
            .then(Mono.<Void>error(new IllegalStateException("REBALANCE_IN_PROGRESS")))
            .doFinally(s -> done.countDown()));
        acknowledged.set(20);
        tasks.post(() -> {
            committed.add(acknowledged.get());
            done.countDown();
            return Mono.empty();
        });
        acknowledged.set(30);

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(committed).containsExactly(30L);
    }

    @Test
    void aFailedTaskDoesNotStopTheOnesAfterIt() {
        SerialTasks tasks = new SerialTasks("commits");
        List<String> ran = new CopyOnWriteArrayList<>();
        tasks.post(() -> Mono.error(new IllegalStateException("refused")));
        tasks.post(() -> {
            ran.add("next");
            return Mono.empty();
        });
        assertThat(ran).containsExactly("next");
    }
}
