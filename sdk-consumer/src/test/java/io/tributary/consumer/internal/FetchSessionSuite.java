package io.tributary.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.client.ClientOptions;
import io.tributary.client.internal.ClientRuntime;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.serdes.Serdes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer's incremental fetch sessions (KIP-227) against a real broker: the first fetch opens a session, later
 * ones name only what changed and still get the data of partitions they leave out, forgotten partitions stay
 * quiet, and a session error makes the next fetch open a new session. Subclasses give the broker.
 */
abstract class FetchSessionSuite {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ClientRuntime runtime = new ClientRuntime(ClientOptions.create(bootstrapServers()));

    abstract String bootstrapServers();

    @AfterEach
    void close() {
        runtime.close();
    }

    private String topicWithOneRecordPerPartition(int partitions) throws Exception {
        String topic = "sessions-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        for (int p = 0; p < partitions; p++) {
            write(topic, p, "first-" + p);
        }
        return topic;
    }

    private void write(String topic, int partition, String value) throws Exception {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrapServers(), "acks", "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
            new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, partition, "k", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private FetchResponse send(int leader, FetchRequest request) {
        return runtime.send(leader, request, FetchResponse.class).block(WAIT);
    }

    /** The partitions of a response that carry records, with the number of record bytes. */
    private static Map<Integer, Integer> withRecords(FetchResponse response) {
        Map<Integer, Integer> out = new TreeMap<>();
        for (FetchResponse.FetchableTopicResponse t : response.responses()) {
            for (FetchResponse.PartitionData p : t.partitions()) {
                if (p.records() != null && p.records().readableBytes() > 0) {
                    out.put(p.partitionIndex(), p.records().readableBytes());
                }
            }
        }
        return out;
    }

    private static int partitionsNamed(FetchRequest request) {
        return request.topics().stream().mapToInt(t -> t.partitions().size()).sum();
    }

    @Test
    void aSessionFetchesIncrementallyAndANewOneOpensAfterASessionError() throws Exception {
        String topic = topicWithOneRecordPerPartition(3);
        int leader = runtime.refreshMetadata(Set.of(topic), false)
            .map(view -> view.topic(topic).partitions().get(0).leader())
            .block(WAIT);
        ConsumerOptions<String, String> options = ConsumerOptions.create(ClientOptions.create(bootstrapServers()),
            Serdes.string().deserializer(), Serdes.string().deserializer()).fetchMaxWait(Duration.ofMillis(100));
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        TopicPartition p2 = new TopicPartition(topic, 2);
        FetchSession session = new FetchSession();

        // A full fetch opens the session and returns every partition's record.
        Map<TopicPartition, Long> positions = new LinkedHashMap<>(Map.of(p0, 0L, p1, 0L, p2, 0L));
        FetchRequest opening = session.next(options, positions, options.fetchMaxBytes());
        assertThat(opening.sessionEpoch()).isEqualTo(FetchSession.OPEN);
        assertThat(partitionsNamed(opening)).isEqualTo(3);
        FetchResponse opened = send(leader, opening);
        session.answered(opened);
        assertThat(opened.errorCode()).isZero();
        assertThat(opened.sessionId()).isNotZero();
        assertThat(withRecords(opened).keySet()).containsExactly(0, 1, 2);

        // Positions move on for p0 and p1; p2 is paused, so the session forgets it.
        positions = new LinkedHashMap<>(Map.of(p0, 1L, p1, 1L));
        FetchRequest moved = session.next(options, positions, options.fetchMaxBytes());
        assertThat(moved.sessionId()).isEqualTo(opened.sessionId());
        assertThat(moved.sessionEpoch()).isEqualTo(1);
        assertThat(partitionsNamed(moved)).isEqualTo(2);
        assertThat(moved.forgottenTopicsData()).singleElement()
            .satisfies(f -> assertThat(f.partitions()).containsExactly(2));
        FetchResponse movedAnswer = send(leader, moved);
        session.answered(movedAnswer);
        assertThat(movedAnswer.errorCode()).isZero();

        // Nothing changed: the request names no partition, yet new records of p1 (and of forgotten p2) come only
        // for the session's partitions.
        write(topic, 1, "second-1");
        write(topic, 2, "second-2");
        FetchRequest quiet = session.next(options, positions, options.fetchMaxBytes());
        assertThat(quiet.sessionEpoch()).isEqualTo(2);
        assertThat(partitionsNamed(quiet)).isZero();
        assertThat(quiet.forgottenTopicsData()).isEmpty();
        FetchResponse quietAnswer = send(leader, quiet);
        session.answered(quietAnswer);
        assertThat(quietAnswer.errorCode()).isZero();
        assertThat(withRecords(quietAnswer).keySet()).containsExactly(1);

        // A request with a stale epoch is refused; the next one opens a new session with every partition.
        FetchResponse stale = send(leader, moved);
        assertThat(ErrorCode.forCode(stale.errorCode())).isEqualTo(ErrorCode.INVALID_FETCH_SESSION_EPOCH);
        assertThat(FetchSession.isSessionError(stale.errorCode())).isTrue();
        session.answered(stale);
        FetchRequest reopening = session.next(options, positions, options.fetchMaxBytes());
        assertThat(reopening.sessionId()).isZero();
        assertThat(reopening.sessionEpoch()).isEqualTo(FetchSession.OPEN);
        assertThat(partitionsNamed(reopening)).isEqualTo(2);
        FetchResponse reopened = send(leader, reopening);
        session.answered(reopened);
        assertThat(reopened.errorCode()).isZero();
        assertThat(reopened.sessionId()).isNotZero();
        assertThat(withRecords(reopened).keySet()).containsExactly(1);
    }
}
