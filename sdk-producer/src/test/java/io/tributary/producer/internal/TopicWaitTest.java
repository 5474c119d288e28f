package io.tributary.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Records waiting for a topic's metadata go on in the order they joined, whatever thread ends the wait. */
final class TopicWaitTest {

    private static TopicWait.Waiter recording(List<Integer> ran, int id) {
        return new TopicWait.Waiter() {
            @Override
            public void ready(int partitions) {
                synchronized (ran) {
                    ran.add(id);
                }
            }

            @Override
            public void failed(Throwable error) {
                synchronized (ran) {
                    ran.add(-id);
                }
            }
        };
    }

    @Test
    void waitersThatJoinWhileTheWaitEndsRunAfterTheEarlierOnesAndThenItCloses() throws Exception {
        for (int trial = 0; trial < 200; trial++) {
            TopicWait wait = new TopicWait();
            List<Integer> ran = new ArrayList<>();
            List<Integer> joined = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                assertThat(wait.join(recording(ran, i))).isTrue();
                joined.add(i);
            }
            CountDownLatch go = new CountDownLatch(1);
            Thread network = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                wait.complete(3);
            });
            network.start();
            go.countDown();
            // The sender keeps joining; once refused, everything it joined has run, in its order.
            for (int i = 10; i < 10_000 && wait.join(recording(ran, i)); i++) {
                joined.add(i);
            }
            network.join();
            assertThat(wait.closed()).isTrue();
            assertThat(ran).containsExactlyElementsOf(joined);
        }
    }

    @Test
    void aFailedWaitFailsEveryWaiterInOrder() {
        TopicWait wait = new TopicWait();
        List<Integer> ran = new ArrayList<>();
        IntStream.rangeClosed(1, 3).forEach(i -> wait.join(recording(ran, i)));
        wait.fail(new IllegalStateException("no metadata"));
        assertThat(ran).containsExactly(-1, -2, -3);
        assertThat(wait.join(recording(ran, 4))).isFalse();
    }

    @Test
    void aWaiterThatThrowsIsFailedAndTheOthersStillRun() {
        TopicWait wait = new TopicWait();
        List<Integer> ran = new ArrayList<>();
        wait.join(new TopicWait.Waiter() {
            @Override
            public void ready(int partitions) {
                throw new IllegalArgumentException("partition 7 does not exist");
            }

            @Override
            public void failed(Throwable error) {
                ran.add(-99);
            }
        });
        wait.join(recording(ran, 2));
        wait.complete(1);
        assertThat(ran).containsExactly(-99, 2);
    }
}
