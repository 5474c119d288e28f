package io.tributary.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.broker.EmbeddedBroker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kafkajs 2.2 (installed with npm into {@code target/kafkajs} on first use) against the broker: admin topic
 * creation, an idempotent GZIP producer with keys and headers, a consumer group reading from the beginning, and the
 * group's committed offsets. kafkajs pins old request versions (Produce v7, Fetch v11, JoinGroup v5), so this covers
 * them end to end.
 */
final class KafkaJsInteropTest {
    private static final int COUNT = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedBroker broker;
    private static Path work;

    @BeforeAll
    static void install() throws IOException {
        String npm = ExternalCommand.require("npm", "install Node.js with npm");
        work = Path.of("target", "kafkajs").toAbsolutePath();
        Files.createDirectories(work);
        for (String file : List.of("package.json", "interop.js")) {
            try (InputStream in = Objects.requireNonNull(KafkaJsInteropTest.class.getResourceAsStream(
                "/kafkajs/" + file), file)) {
                Files.write(work.resolve(file), in.readAllBytes());
            }
        }
        if (!Files.isDirectory(work.resolve("node_modules").resolve("kafkajs"))) {
            ExternalCommand.Result installed = ExternalCommand.run(Duration.ofMinutes(3), "", work,
                List.of(npm, "install", "--no-audit", "--no-fund", "--loglevel=error"));
            assertThat(installed.exit()).as("npm install: %s", installed).isZero();
        }
        broker = EmbeddedBroker.create().start();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void kafkaJsProducesAndConsumesInAGroupWithKeysHeadersAndCommittedOffsets() throws IOException {
        String node = ExternalCommand.require("node", "install Node.js");
        ExternalCommand.Result run = ExternalCommand.run(Duration.ofSeconds(90), "", work,
            List.of(node, "interop.js", broker.bootstrapServers(), "kafkajs-orders", Integer.toString(COUNT)));
        assertThat(run.exit()).as("%s", run).isZero();

        List<JsonNode> records = new ArrayList<>();
        JsonNode committed = null;
        for (String line : run.outLines()) {
            JsonNode parsed = JSON.readTree(line);
            if (parsed.has("committed")) {
                committed = parsed.get("committed");
            } else {
                records.add(parsed);
            }
        }
        assertThat(records).hasSize(COUNT);
        assertThat(records).extracting(r -> r.path("key").asText()).doesNotHaveDuplicates();
        long[] perPartition = new long[3];
        for (JsonNode r : records) {
            String key = r.path("key").asText();
            int i = Integer.parseInt(key.substring("key-".length()));
            assertThat(r.path("value").asText()).isEqualTo("value-" + i);
            assertThat(r.path("trace").asText()).isEqualTo("t-" + i);
            // kafkajs's default partitioner is the Java client's murmur2
            int expected = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 3;
            assertThat(r.path("partition").asInt()).as(key).isEqualTo(expected);
            perPartition[expected]++;
        }
        assertThat(committed).isNotNull();
        for (JsonNode p : committed) {
            assertThat(p.path("offset").asLong()).as("partition %s", p.path("partition"))
                .isEqualTo(perPartition[p.path("partition").asInt()]);
        }
    }
}
