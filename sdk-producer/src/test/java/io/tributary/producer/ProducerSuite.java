package io.tributary.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.client.ClientOptions;
import io.tributary.common.Header;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.record.Compression;
import io.tributary.serdes.Serdes;
import io.tributary.serdes.SerializationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The producer against a real broker; run against Tributary and Apache Kafka by the subclasses. */
abstract class ProducerSuite {
    private static final Duration WAIT = Duration.ofSeconds(60);

    abstract String bootstrapServers();

    ProducerOptions<String, String> options() {
        return ProducerOptions.create(ClientOptions.create(bootstrapServers()), Serdes.string().serializer(),
            Serdes.string().serializer());
    }

    @Test
    void kafkaClientsReadsWhatWasSentWithTheSameKeysHeadersTimestampsAndPartitions() {
        String topic = KafkaReader.createTopic(bootstrapServers(), "interop", 6);
        TributaryProducer<String, String> producer = TributaryProducer.create(options());
        long baseTime = 1_700_000_000_000L;
        List<SendResult<Integer>> results = producer.send(Flux.range(0, 300).map(i ->
                ProducerRecord.of(topic, "key-" + i, "value-" + i)
                    .timestamp(baseTime + i)
                    .header("index", Integer.toString(i).getBytes(StandardCharsets.UTF_8))
                    .correlate(i)))
            .collectList()
            .block(WAIT);
        producer.closeNow();

        assertThat(results).hasSize(300);
        assertThat(results).extracting(SendResult::correlation).containsExactlyElementsOf(
            Flux.range(0, 300).collectList().block());
        Map<String, SendResult.Sent<Integer>> sentByKey = new HashMap<>();
        for (SendResult<Integer> r : results) {
            assertThat(r).isInstanceOf(SendResult.Sent.class);
            sentByKey.put("key-" + r.correlation(), (SendResult.Sent<Integer>) r);
        }
        List<ConsumerRecord<byte[], byte[]>> read = KafkaReader.readAll(bootstrapServers(), topic, 300);
        assertThat(read).hasSize(300);
        for (ConsumerRecord<byte[], byte[]> record : read) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            int index = Integer.parseInt(key.substring(4));
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("value-" + index);
            assertThat(record.timestamp()).isEqualTo(baseTime + index);
            assertThat(new String(record.headers().lastHeader("index").value(), StandardCharsets.UTF_8))
                .isEqualTo(Integer.toString(index));
            assertThat(record.partition()).as("partition of " + key)
                .isEqualTo(BuiltInPartitioner.partitionForKey(record.key(), 6));
            RecordMetadata metadata = sentByKey.get(key).metadata();
            assertThat(metadata.partition().partition()).isEqualTo(record.partition());
            assertThat(metadata.offset()).isEqualTo(record.offset());
            assertThat(metadata.timestamp()).isEqualTo(record.timestamp());
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void compressedBatchesReadBackWithKafkaClients(Compression compression) {
        String topic = KafkaReader.createTopic(bootstrapServers(), "compressed-" + compression.configName(), 2);
        TributaryProducer<String, String> producer = TributaryProducer.create(options()
            .compression(compression)
            .linger(Duration.ofMillis(20)));
        String payload = "compressible payload ".repeat(20);
        StepVerifier.create(producer.send(Flux.range(0, 1000)
                    .map(i -> ProducerRecord.<String, String>of(topic, payload + i).correlate(i)))
                .filter(SendResult::isSent)
                .count())
            .expectNext(1000L)
            .expectComplete()
            .verify(WAIT);
        producer.closeNow();
        List<ConsumerRecord<byte[], byte[]>> read = KafkaReader.readAll(bootstrapServers(), topic, 1000);
        assertThat(read).hasSize(1000);
        Set<String> values = new HashSet<>();
        read.forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
        assertThat(values).hasSize(1000).contains(payload + 0, payload + 999);
    }

    @ParameterizedTest
    @EnumSource(Acks.class)
    void everyAcksSettingDelivers(Acks acks) {
        String topic = KafkaReader.createTopic(bootstrapServers(), "acks-" + acks, 1);
        TributaryProducer<String, String> producer = TributaryProducer.create(options()
            .acks(acks)
            .idempotence(acks == Acks.ALL));
        List<SendResult<Integer>> results = producer.send(Flux.range(0, 50)
                .map(i -> ProducerRecord.<String, String>of(topic, "v" + i).correlate(i)))
            .collectList()
            .block(WAIT);
        producer.closeNow();
        assertThat(results).allMatch(SendResult::isSent);
        List<Long> offsets = results.stream().map(r -> ((SendResult.Sent<Integer>) r).metadata().offset()).toList();
        if (acks == Acks.NONE) {
            assertThat(offsets).containsOnly(-1L);
        } else {
            assertThat(offsets).containsExactlyElementsOf(Flux.range(0, 50).map(Long::valueOf).collectList().block());
        }
        assertThat(KafkaReader.readAll(bootstrapServers(), topic, 50)).hasSize(50);
    }

    @Test
    void flushWaitsForARecordStillWaitingForItsTopicsMetadata() {
        String topic = KafkaReader.createTopic(bootstrapServers(), "flush-metadata", 1);
        // Results reach their subscribers 100 ms late: flush must wait for that too, as kafka-clients' flush waits
        // for the futures of the records sent before it.
        Executor late = CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS);
        TributaryProducer<String, String> producer = TributaryProducer.create(options()
            .scheduler(Schedulers.fromExecutor(late)));
        try {
            // A fresh producer knows nothing of the topic yet: the record waits for metadata before any batch
            // holds it, and flush must count it all the same.
            CompletableFuture<RecordMetadata> sent = producer.send(
                ProducerRecord.of(topic, "k", "v")).toFuture();
            producer.flush().block(WAIT);
            assertThat(sent).isCompleted();
            assertThat(sent.join().offset()).isZero();
        } finally {
            producer.closeNow();
        }
    }

    @Test
    void separateSendsKeepTheirOrderWhileTheTopicsMetadataIsAwaited() {
        String topic = KafkaReader.createTopic(bootstrapServers(), "send-order", 1);
        TributaryProducer<String, String> producer = TributaryProducer.create(options());
        try {
            // Each send waits for the topic's metadata: they must still go on in the order they were made.
            List<CompletableFuture<RecordMetadata>> sent = IntStream.range(0, 200)
                .mapToObj(i -> producer.send(ProducerRecord.of(topic, null, "v" + i)).toFuture())
                .toList();
            producer.flush().block(WAIT);
            assertThat(sent).extracting(f -> f.join().offset())
                .containsExactlyElementsOf(LongStream.range(0, 200).boxed().toList());
        } finally {
            producer.closeNow();
        }
    }

    @Test
    void aCustomPartitionerChoosesAndMinusOneFallsBackToTheDefault() {
        String topic = KafkaReader.createTopic(bootstrapServers(), "custom-partitioner", 4);
        // "vip-…" keys go to partition 3; every other key is left to murmur2 (-1).
        TributaryProducer<String, String> producer = TributaryProducer.create(options()
            .partitioner((t, key, keyBytes, count) -> key != null && ((String) key).startsWith("vip-") ? count - 1
                : -1));
        List<SendResult<String>> results = producer.send(Flux.just("vip-1", "vip-2", "plain-1", "plain-2", "plain-3")
                .map(k -> ProducerRecord.of(topic, k, "v").correlate(k)))
            .collectList()
            .block(WAIT);
        producer.closeNow();
        for (SendResult<String> r : results) {
            int partition = ((SendResult.Sent<String>) r).metadata().partition().partition();
            int expected = r.correlation().startsWith("vip-") ? 3
                : BuiltInPartitioner.partitionForKey(r.correlation().getBytes(StandardCharsets.UTF_8), 4);
            assertThat(partition).as(r.correlation()).isEqualTo(expected);
        }
    }

    @Test
    void recordsWithoutKeyStickToOnePartitionPerBatch() {
        String topic = KafkaReader.createTopic(bootstrapServers(), "sticky", 8);
        TributaryProducer<String, String> producer = TributaryProducer.create(options()
            .linger(Duration.ofMillis(50)));
        List<SendResult<Integer>> results = producer.send(Flux.range(0, 40)
                .map(i -> ProducerRecord.<String, String>of(topic, "small").correlate(i)))
            .collectList()
            .block(WAIT);
        producer.closeNow();
        assertThat(results).extracting(r -> ((SendResult.Sent<Integer>) r).metadata().partition().partition())
            .as("40 small records fit one 16 KiB batch: one partition")
            .containsOnly(((SendResult.Sent<Integer>) results.get(0)).metadata().partition().partition());
    }

    @Test
    void aSmallBufferHoldsThePublisherBackInsteadOfBufferingEverything() {
        String topic = KafkaReader.createTopic(bootstrapServers(), "backpressure", 3);
        long bufferMemory = 64 * 1024;
        // A short request timeout: under a loaded CI machine a stalled answer is retried quickly instead of after
        // the default 30 s. (This test found the sequence gap PartitionQueueTest now pins down.)
        TributaryProducer<String, String> producer = TributaryProducer.create(options()
            .client(options().client().requestTimeout(Duration.ofSeconds(5)))
            .bufferMemory(bufferMemory)
            .batchSize(8 * 1024));
        String kib = "x".repeat(1024);
        AtomicLong requested = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        AtomicLong maxOutstanding = new AtomicLong();
        StepVerifier.create(producer.send(Flux.range(0, 3000)
                    .doOnNext(i -> maxOutstanding.accumulateAndGet(requested.incrementAndGet() - completed.get(),
                        Math::max))
                    .map(i -> ProducerRecord.of(topic, "k" + i, kib).correlate(i)))
                .doOnNext(r -> completed.incrementAndGet())
                .count())
            .expectNext(3000L)
            .expectComplete()
            .verify(WAIT.multipliedBy(2));
        producer.closeNow();
        // Records taken from the publisher but not yet acknowledged never exceed what the buffer holds (plus the
        // one record waiting for room and the records in the result pipeline's prefetch).
        assertThat(maxOutstanding.get()).isLessThan(bufferMemory / 1024 + 300);
        assertThat(KafkaReader.readAll(bootstrapServers(), topic, 3000)).hasSize(3000);
    }

    @Test
    void resultsAreEmittedOffTheNetworkEventLoop() {
        String topic = KafkaReader.createTopic(bootstrapServers(), "threads", 1);
        TributaryProducer<String, String> producer = TributaryProducer.create(options());
        StepVerifier.create(producer.send(ProducerRecord.of(topic, "k", "v")).map(m -> Thread.currentThread()
                .getName()))
            .assertNext(thread -> assertThat(thread).startsWith("parallel-"))
            .expectComplete()
            .verify(WAIT);
        producer.closeNow();
    }

    @Test
    void anUnknownTopicWithAutoCreationOffFailsThoseRecordsAfterMaxBlock() {
        String topic = KafkaReader.createTopic(bootstrapServers(), "known", 1);
        TributaryProducer<String, String> producer = TributaryProducer.create(options()
            .autoCreateTopics(false)
            .maxBlock(Duration.ofMillis(500))
            .stopOnError(false));
        List<SendResult<String>> results = producer.send(Flux.just(
                ProducerRecord.of(topic, "a", "1").correlate("known-1"),
                ProducerRecord.of("missing-topic-" + System.nanoTime(), "b", "2").correlate("missing"),
                ProducerRecord.of(topic, "c", "3").correlate("known-2")))
            .collectList()
            .block(WAIT);
        producer.closeNow();
        assertThat(results).extracting(SendResult::correlation).containsExactly("known-1", "missing", "known-2");
        assertThat(results.get(0).isSent()).isTrue();
        assertThat(results.get(2).isSent()).isTrue();
        assertThat(((SendResult.Failed<String>) results.get(1)).error())
            .isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION))
            .hasMessageContaining("not present in metadata after 500 ms");
    }

    @Test
    void aTooLargeRecordOrASerializerFailureFailsOnlyThatRecord() {
        String topic = KafkaReader.createTopic(bootstrapServers(), "bad-records", 1);
        ProducerOptions<String, String> base = options();
        TributaryProducer<String, String> producer = TributaryProducer.create(ProducerOptions.create(
                base.client(), Serdes.string().serializer(), (String t, String value) -> {
                    if ("poison".equals(value)) {
                        throw new SerializationException("cannot write poison");
                    }
                    return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
                })
            .maxRequestSize(64 * 1024)
            .stopOnError(false));
        List<SendResult<String>> results = producer.send(Flux.just(
                ProducerRecord.of(topic, "1", "fine").correlate("first"),
                ProducerRecord.of(topic, "2", "y".repeat(100 * 1024)).correlate("too-large"),
                ProducerRecord.of(topic, "3", "poison").correlate("poison"),
                ProducerRecord.of(topic, "4", "fine too").correlate("last")))
            .collectList()
            .block(WAIT);
        producer.closeNow();
        assertThat(results).extracting(SendResult::isSent).containsExactly(true, false, false, true);
        assertThat(((SendResult.Failed<String>) results.get(1)).error())
            .isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE))
            .hasMessageContaining("max.request.size");
        assertThat(((SendResult.Failed<String>) results.get(2)).error()).hasMessageContaining("cannot write poison");
    }

    @Test
    void stopOnErrorEndsTheStreamWithTheFirstFailure() {
        String topic = KafkaReader.createTopic(bootstrapServers(), "stop-on-error", 1);
        TributaryProducer<String, String> producer = TributaryProducer.create(options().maxRequestSize(4096));
        StepVerifier.create(producer.send(Flux.just(
                ProducerRecord.of(topic, "1", "fine").correlate(1),
                ProducerRecord.of(topic, "2", "z".repeat(10_000)).correlate(2),
                ProducerRecord.of(topic, "3", "never").correlate(3))))
            .expectNextMatches(SendResult::isSent)
            .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("max.request.size"))
            .verify(WAIT);
        producer.closeNow();
    }

    @Test
    void contradictoryOptionsFailAtCreateNamingBothSettings() {
        assertThatThrownBy(() -> TributaryProducer.create(options().acks(Acks.LEADER)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("enable.idempotence")
            .hasMessageContaining("acks");
        assertThatThrownBy(() -> ProducerOptions.fromProperties(Map.of("bootstrap.servers", bootstrapServers(),
                "lingerr.ms", "5"), Serdes.string().serializer(), Serdes.string().serializer()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("lingerr.ms");
        assertThatThrownBy(() -> ProducerOptions.fromProperties(Map.of("bootstrap.servers", bootstrapServers(),
                "batch.size", "big"), Serdes.string().serializer(), Serdes.string().serializer()))
            .hasMessageContaining("batch.size");
    }

    @Test
    void kafkaPropertiesConfigureTheProducer() {
        String topic = KafkaReader.createTopic(bootstrapServers(), "from-properties", 1);
        ProducerOptions<String, String> options = ProducerOptions.fromProperties(Map.of(
                "bootstrap.servers", bootstrapServers(), "acks", "all", "linger.ms", "1", "compression.type", "lz4",
                "client.id", "props-producer"),
            Serdes.string().serializer(), Serdes.string().serializer());
        assertThat(options.compression()).isEqualTo(Compression.LZ4);
        assertThat(options.client().clientId()).isEqualTo("props-producer");
        TributaryProducer<String, String> producer = TributaryProducer.create(options);
        StepVerifier.create(producer.send(ProducerRecord.of(topic, "k", "v")))
            .assertNext(m -> assertThat(m.offset()).isZero())
            .expectComplete()
            .verify(WAIT);
        producer.closeNow();
    }

    static List<Header> headers(String key, String value) {
        return List.of(Header.of(key, value));
    }
}
