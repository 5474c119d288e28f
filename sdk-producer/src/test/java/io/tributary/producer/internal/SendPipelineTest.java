package io.tributary.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.TopicPartition;
import io.tributary.errors.TributaryException;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.RecordMetadata;
import io.tributary.producer.SendResult;
import io.tributary.producer.SenderRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

final class SendPipelineTest {
    private static final TopicPartition PARTITION = new TopicPartition("orders", 0);

    /** Appends by remembering the callbacks; a test completes them in any order, as batches would. */
    private static final class RecordingAppender implements SendPipeline.Appender<String, String> {
        final List<RecordCallback> callbacks = new ArrayList<>();
        final List<String> appended = new ArrayList<>();
        Sinks.@Nullable Empty<Void> hold;
        @Nullable String failValue;

        @Override
        public synchronized @Nullable Mono<Void> appendNowOrLater(ProducerRecord<String, String> record,
                                                                  RecordCallback callback) {
            if (record.value().equals(failValue)) {
                throw new IllegalArgumentException("cannot serialize " + record.value());
            }
            if (hold != null) {
                Sinks.Empty<Void> wait = hold;
                hold = null;
                return wait.asMono().then(Mono.fromRunnable(() -> add(record, callback)));
            }
            add(record, callback);
            return null;
        }

        private synchronized void add(ProducerRecord<String, String> record, RecordCallback callback) {
            appended.add(record.value());
            callbacks.add(callback);
        }

        synchronized int count() {
            return callbacks.size();
        }

        synchronized void complete(int index) {
            callbacks.get(index).onSent(new RecordMetadata(PARTITION, index, 0));
        }
    }

    /** The pipeline draining inline (the immediate scheduler), so that a test sees each step at once. */
    private static Flux<SendResult<Integer>> pipeline(Flux<SenderRecord<String, String, Integer>> records,
                                                      RecordingAppender appender, boolean stopOnError) {
        return pipeline(records, appender, stopOnError, Schedulers.immediate());
    }

    private static Flux<SendResult<Integer>> pipeline(Flux<SenderRecord<String, String, Integer>> records,
                                                      RecordingAppender appender, boolean stopOnError,
                                                      Scheduler scheduler) {
        return Flux.from(s -> records.subscribe(new SendPipeline<>(
            reactor.core.publisher.Operators.toCoreSubscriber(s), appender, stopOnError, scheduler)));
    }

    private static SenderRecord<String, String, Integer> record(int i) {
        return SenderRecord.create(ProducerRecord.of("orders", "v" + i), i);
    }

    @Test
    void resultsComeInTheRecordsOrderWhateverOrderTheBatchesCompleteIn() {
        RecordingAppender appender = new RecordingAppender();
        StepVerifier.create(pipeline(Flux.range(0, 3).map(SendPipelineTest::record), appender, true)
                .map(SendResult::correlation))
            .then(() -> {
                appender.complete(2);
                appender.complete(1);
            })
            .expectNoEvent(Duration.ofMillis(50))
            .then(() -> appender.complete(0))
            .expectNext(0, 1, 2)
            .expectComplete()
            .verify(Duration.ofSeconds(5));
    }

    @Test
    void recordsAfterAWaitAndAfterResultsAreAppendedOnTheSchedulerNotOnTheThreadThatSignalled() throws Exception {
        RecordingAppender appender = new RecordingAppender();
        Sinks.Empty<Void> memoryFreed = Sinks.empty();
        appender.hold = memoryFreed;
        List<String> appendingThreads = java.util.Collections.synchronizedList(new ArrayList<>());
        Flux<SenderRecord<String, String, Integer>> records = Flux.range(0, 200)
            .doOnNext(i -> appendingThreads.add(Thread.currentThread().getName()))
            .map(SendPipelineTest::record);
        Scheduler scheduler = Schedulers.newSingle("pipeline-worker");
        try {
            StepVerifier.create(pipeline(records, appender, true, scheduler).map(SendResult::correlation))
                .then(() -> {
                    // Ends the wait and completes every batch from a thread standing in for the event loop.
                    Thread network = new Thread(() -> {
                        memoryFreed.tryEmitEmpty();
                        for (int i = 0; i < 200; i++) {
                            while (appender.count() <= i) {
                                Thread.onSpinWait();
                            }
                            appender.complete(i);
                        }
                    }, "network");
                    network.start();
                })
                .expectNextCount(200)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        } finally {
            scheduler.dispose();
        }
        assertThat(appender.appended).hasSize(200);
        assertThat(appendingThreads).doesNotContain("network");
        assertThat(appendingThreads).anyMatch(name -> name.startsWith("pipeline-worker"));
    }

    @Test
    void emitsNoMoreResultsThanRequestedButKeepsAppending() {
        RecordingAppender appender = new RecordingAppender();
        StepVerifier.create(pipeline(Flux.range(0, 100).map(SendPipelineTest::record), appender, true), 0)
            .then(() -> {
                assertThat(appender.appended).hasSize(100);
                for (int i = 0; i < 100; i++) {
                    appender.complete(i);
                }
            })
            .expectNoEvent(Duration.ofMillis(20))
            .thenRequest(2)
            .expectNextCount(2)
            .expectNoEvent(Duration.ofMillis(20))
            .thenRequest(Long.MAX_VALUE)
            .expectNextCount(98)
            .expectComplete()
            .verify(Duration.ofSeconds(5));
    }

    @Test
    void aWaitingRecordHoldsBackTheNextOnesAndTheReadAheadIsBounded() {
        RecordingAppender appender = new RecordingAppender();
        Sinks.Empty<Void> memoryFreed = Sinks.empty();
        appender.hold = memoryFreed;
        AtomicLong requested = new AtomicLong();
        Flux<SenderRecord<String, String, Integer>> records = Flux.range(0, 1_000)
            .doOnRequest(n -> requested.addAndGet(n))
            .map(SendPipelineTest::record);
        StepVerifier.create(pipeline(records, appender, true).map(SendResult::correlation))
            .then(() -> {
                assertThat(appender.appended).isEmpty();
                assertThat(requested.get()).isLessThanOrEqualTo(SendPipeline.READ_AHEAD);
                memoryFreed.tryEmitEmpty();
                assertThat(appender.appended).hasSize(1_000).startsWith("v0", "v1", "v2");
                for (int i = 0; i < 1_000; i++) {
                    appender.complete(i);
                }
            })
            .expectNextCount(1_000)
            .expectComplete()
            .verify(Duration.ofSeconds(5));
    }

    @Test
    void stopOnErrorEmitsTheResultsBeforeTheFailedRecordThenItsError() {
        RecordingAppender appender = new RecordingAppender();
        appender.failValue = "v2";
        StepVerifier.create(pipeline(Flux.range(0, 5).map(SendPipelineTest::record), appender, true)
                .map(SendResult::correlation))
            .then(() -> {
                appender.complete(0);
                appender.complete(1);
            })
            .expectNext(0, 1)
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TributaryException.class)
                .hasMessageContaining("cannot serialize v2"))
            .verify(Duration.ofSeconds(5));
    }

    @Test
    void withoutStopOnErrorAFailedRecordIsAResultAndTheOthersGoOn() {
        RecordingAppender appender = new RecordingAppender();
        appender.failValue = "v1";
        StepVerifier.create(pipeline(Flux.range(0, 3).map(SendPipelineTest::record), appender, false)
                .map(r -> r.correlation() + ":" + r.isSent()))
            .then(() -> {
                appender.complete(0);
                appender.complete(1);
            })
            .expectNext("0:true", "1:false", "2:true")
            .expectComplete()
            .verify(Duration.ofSeconds(5));
    }

    @Test
    void anUpstreamErrorComesAfterTheResultsOfTheRecordsBeforeIt() {
        RecordingAppender appender = new RecordingAppender();
        TestPublisher<SenderRecord<String, String, Integer>> upstream = TestPublisher.create();
        StepVerifier.create(pipeline(upstream.flux(), appender, true).map(SendResult::correlation))
            .then(() -> {
                upstream.next(record(0));
                upstream.error(new IllegalStateException("source failed"));
            })
            .expectNoEvent(Duration.ofMillis(20))
            .then(() -> appender.complete(0))
            .expectNext(0)
            .expectErrorMessage("source failed")
            .verify(Duration.ofSeconds(5));
    }

    @Test
    void cancellingStopsTheWaitAndTheSource() {
        RecordingAppender appender = new RecordingAppender();
        Sinks.Empty<Void> memoryFreed = Sinks.empty();
        appender.hold = memoryFreed;
        TestPublisher<SenderRecord<String, String, Integer>> upstream = TestPublisher.create();
        StepVerifier.create(pipeline(upstream.flux(), appender, true))
            .then(() -> upstream.next(record(0)))
            .thenCancel()
            .verify(Duration.ofSeconds(5));
        upstream.assertCancelled();
        assertThat(memoryFreed.currentSubscriberCount()).isZero();
    }
}
