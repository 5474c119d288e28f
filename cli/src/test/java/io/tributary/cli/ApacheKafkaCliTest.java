package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testkit.ApacheKafkaExtension;
import io.tributary.testkit.BlockHoundExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The commands against a real Apache Kafka 4.3 broker: the same output as against Tributary's. */
@ExtendWith(BlockHoundExtension.class)
final class ApacheKafkaCliTest {
    @RegisterExtension
    static final ApacheKafkaExtension KAFKA = ApacheKafkaExtension.create();

    private static String bootstrap() {
        return KAFKA.bootstrapServers();
    }

    @Test
    void managesTopics() {
        Cli.on(bootstrap(), "topics", "create", "--topic", "kafka-topics", "--partitions", "3", "--config",
            "retention.ms=3600000").ok();

        assertThat(Cli.on(bootstrap(), "topics", "list").ok().lines())
            .anyMatch(l -> l.matches("kafka-topics +3 +1"));
        JsonNode described = Cli.on(bootstrap(), "topics", "describe", "--topic", "kafka-topics", "--output",
            "json").ok().json().get(0);
        assertThat(described.get("partitionCount").asInt()).isEqualTo(3);
        assertThat(described.get("configs").get("retention.ms").asText()).isEqualTo("3600000");
        assertThat(described.get("partitions").get(0).get("leader").asInt()).isEqualTo(1);

        Cli.on(bootstrap(), "topics", "alter", "--topic", "kafka-topics", "--partitions", "4", "--config",
            "cleanup.policy=compact").ok();
        assertThat(Cli.on(bootstrap(), "configs", "describe", "--topic", "kafka-topics").ok().lines())
            .anyMatch(l -> l.matches("cleanup.policy +compact +DYNAMIC_TOPIC_CONFIG +false"));
        assertThat(Cli.on(bootstrap(), "topics", "describe", "--topic", "kafka-topics").ok().lines().get(0))
            .contains("PartitionCount: 4");

        Cli.on(bootstrap(), "topics", "delete", "--topic", "kafka-topics").ok();
        Cli.Result unknown = Cli.on(bootstrap(), "topics", "describe", "--topic", "kafka-topics");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("tributary: UNKNOWN_TOPIC_OR_PARTITION");
    }

    @Test
    void producesAndConsumesKeyedRecordsAndManagesTheGroup() {
        Cli.on(bootstrap(), "topics", "create", "--topic", "kafka-records", "--partitions", "2").ok();
        Cli.onWithInput(bootstrap(), "k1:a\nk2:b\nk1:c\nk3:d\n", "produce", "--topic", "kafka-records",
            "--key-separator", ":", "--header", "via=tributary").ok();

        Cli.Result consumed = Cli.on(bootstrap(), "consume", "--topic", "kafka-records", "--group", "kafka-group",
            "--from-beginning", "--print-key", "--print-headers", "--key-separator", ":", "--max-messages", "4").ok();
        assertThat(consumed.lines()).containsExactlyInAnyOrder("via:tributary\tk1:a", "via:tributary\tk2:b",
            "via:tributary\tk1:c", "via:tributary\tk3:d");

        JsonNode group = Cli.on(bootstrap(), "groups", "describe", "--group", "kafka-group", "--output", "json")
            .ok().json();
        assertThat(group.get("state").asText()).isEqualTo("Empty");
        long committed = 0;
        for (JsonNode p : group.get("offsets")) {
            assertThat(p.get("lag").asLong()).isZero();
            committed += p.get("currentOffset").asLong();
        }
        assertThat(committed).isEqualTo(4);
        assertThat(Cli.on(bootstrap(), "groups", "list").ok().lines())
            .anyMatch(l -> l.matches("kafka-group +Empty +classic +consumer"));

        Cli.Result plan = Cli.on(bootstrap(), "groups", "reset-offsets", "--group", "kafka-group", "--topic",
            "kafka-records", "--to-earliest").ok();
        assertThat(plan.lines()).hasSize(3).allMatch(l -> l.startsWith("GROUP") || l.endsWith(" 0"));
        Cli.on(bootstrap(), "groups", "reset-offsets", "--group", "kafka-group", "--topic", "kafka-records",
            "--to-earliest", "--execute").ok();
        Cli.Result table = Cli.on(bootstrap(), "groups", "describe", "--group", "kafka-group").ok();
        assertThat(table.lines().subList(2, 4)).allMatch(l -> l.matches("kafka-records +[01] +0 +\\d +\\d +.*"));

        Cli.Result again = Cli.on(bootstrap(), "consume", "--topic", "kafka-records", "--group", "kafka-group",
            "--max-messages", "4", "--format", "json").ok();
        assertThat(again.lines()).hasSize(4);

        Cli.on(bootstrap(), "groups", "delete", "--group", "kafka-group").ok();
        assertThat(Cli.on(bootstrap(), "groups", "describe", "--group", "kafka-group").exitCode()).isEqualTo(1);
    }

    @Test
    void describesAGroupOfTheConsumerProtocol(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("consumer.properties");
        Files.write(config, List.of("group.protocol=consumer"), StandardCharsets.UTF_8);
        Cli.on(bootstrap(), "topics", "create", "--topic", "kafka-kip848", "--partitions", "2").ok();
        Cli.onWithInput(bootstrap(), "a\nb\nc\n", "produce", "--topic", "kafka-kip848").ok();

        Cli.on(bootstrap(), "consume", "--topic", "kafka-kip848", "--group", "kafka-kip848-group",
            "--from-beginning", "--max-messages", "3", "--command-config", config.toString()).ok();

        // DescribeGroups does not know consumer-protocol groups; the state comes from the group listing.
        JsonNode group = Cli.on(bootstrap(), "groups", "describe", "--group", "kafka-kip848-group", "--output",
            "json").ok().json();
        assertThat(group.get("state").asText()).isIn("Empty", "Stable", "Reconciling", "Assigning");
        long committed = 0;
        for (JsonNode p : group.get("offsets")) {
            committed += p.get("currentOffset").asLong();
        }
        assertThat(committed).isEqualTo(3);
        assertThat(Cli.on(bootstrap(), "groups", "list").ok().lines())
            .anyMatch(l -> l.matches("kafka-kip848-group +\\S+ +consumer +consumer"));
    }

    @Test
    void describesTheCluster() {
        JsonNode cluster = Cli.on(bootstrap(), "cluster", "info", "--output", "json").ok().json();

        assertThat(cluster.get("clusterId").asText()).isNotEmpty();
        assertThat(cluster.get("brokers").get(0).get("id").asInt()).isEqualTo(1);
        assertThat(cluster.get("brokers").get(0).get("port").asInt())
            .isEqualTo(Integer.parseInt(bootstrap().substring(bootstrap().lastIndexOf(':') + 1)));
    }
}
