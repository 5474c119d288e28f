package io.tributary.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.broker.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * librdkafka (2.0.x, the version Debian 12 ships) against the broker through kcat: produce with every codec and
 * idempotence, consume by partition and in a group with committed offsets, metadata, and offsets by time. librdkafka
 * picks older request versions than kafka-clients, so this covers another slice of the protocol.
 */
final class LibrdkafkaInteropTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedBroker broker;
    private static String kcat;

    @BeforeAll
    static void start() {
        kcat = ExternalCommand.require("kcat", "install it with apt-get install kcat");
        broker = EmbeddedBroker.create().start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void producedKeyedRecordsReadBackInOrderWithEveryCodec(String codec) {
        String topic = "rdkafka-" + codec;
        broker.createTopic(topic, 1);
        List<String> lines = IntStream.range(0, 200).mapToObj(i -> "key-" + i + ":value-" + i).toList();
        ExternalCommand.Result produced = kcat(String.join("\n", lines) + "\n", "-P", "-t", topic, "-K:",
            "-z", codec, "-X", "enable.idempotence=true");
        assertThat(produced.exit()).as("%s", produced).isZero();

        ExternalCommand.Result consumed = kcat("", "-C", "-t", topic, "-e", "-f", "%k:%s\\n");
        assertThat(consumed.exit()).as("%s", consumed).isZero();
        assertThat(consumed.outLines()).containsExactlyElementsOf(lines);
    }

    @Test
    void metadataListsTopicsWithTheirPartitionsAndLeader() throws Exception {
        broker.createTopic("rdkafka-meta", 3);
        ExternalCommand.Result listed = kcat("", "-L", "-J", "-t", "rdkafka-meta");
        assertThat(listed.exit()).as("%s", listed).isZero();
        JsonNode meta = JSON.readTree(listed.out());
        JsonNode topic = meta.path("topics").get(0);
        assertThat(topic.path("topic").asText()).isEqualTo("rdkafka-meta");
        assertThat(topic.path("partitions")).hasSize(3);
        assertThat(topic.path("partitions").get(0).path("leader").asInt()).isEqualTo(broker.config().nodeId());
        assertThat(meta.path("brokers").get(0).path("name").asText()).endsWith(":" + broker.port());
    }

    @Test
    void aGroupConsumerReadsEverythingOnceAndCommitsItsPosition() {
        broker.createTopic("rdkafka-group", 3);
        List<String> lines = IntStream.range(0, 90).mapToObj(i -> "k" + i + ":v" + i).toList();
        assertThat(kcat(String.join("\n", lines) + "\n", "-P", "-t", "rdkafka-group", "-K:").exit()).isZero();

        ExternalCommand.Result first = groupConsume();
        assertThat(first.exit()).as("%s", first).isZero();
        assertThat(first.outLines()).containsExactlyInAnyOrderElementsOf(lines);

        assertThat(kcat("k90:v90\n", "-P", "-t", "rdkafka-group", "-K:", "-p", "1").exit()).isZero();
        ExternalCommand.Result second = groupConsume();
        assertThat(second.outLines()).as("only what came after the committed offsets").containsExactly("k90:v90");
    }

    @Test
    void offsetsAreLookedUpByTimestamp() {
        broker.createTopic("rdkafka-time", 1);
        long now = System.currentTimeMillis();
        for (int i = 0; i < 3; i++) {
            assertThat(kcat("v" + i + "\n", "-P", "-t", "rdkafka-time", "-p", "0").exit()).isZero();
        }
        ExternalCommand.Result found = kcat("", "-Q", "-t", "rdkafka-time:0:" + (now - 60_000));
        assertThat(found.exit()).as("%s", found).isZero();
        assertThat(found.out()).contains("offset 0");
        ExternalCommand.Result future = kcat("", "-Q", "-t", "rdkafka-time:0:" + (now + 3_600_000));
        assertThat(future.out()).as("no record that late").contains("offset -1");
    }

    private static ExternalCommand.Result groupConsume() {
        return kcat("", "-G", "rdkafka-readers", "rdkafka-group", "-e", "-f", "%k:%s\\n",
            "-X", "auto.offset.reset=earliest", "-X", "enable.auto.commit=true",
            "-X", "auto.commit.interval.ms=100");
    }

    private static ExternalCommand.Result kcat(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(kcat, "-b", broker.bootstrapServers(), "-q"));
        command.addAll(List.of(args));
        return ExternalCommand.run(LIMIT, stdin, command);
    }
}
