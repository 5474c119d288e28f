package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testkit.BlockHoundExtension;
import io.tributary.testkit.EmbeddedBrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(BlockHoundExtension.class)
final class TopicsCommandTest {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b.topic("existing", 2));

    private static String bootstrap() {
        return BROKER.bootstrapServers();
    }

    @Test
    void createsATopicAndPrintsWhatTheBrokerResolved() {
        Cli.Result table = Cli.on(bootstrap(), "topics", "create", "--topic", "created", "--partitions", "3",
            "--replication-factor", "1", "--config", "retention.ms=3600000").ok();
        assertThat(table.out()).isEqualTo("Created topic created with 3 partition(s), replication factor 1.\n");

        JsonNode json = Cli.on(bootstrap(), "topics", "create", "--topic", "created-json", "--output", "json").ok()
            .json();
        assertThat(json.get("name").asText()).isEqualTo("created-json");
        assertThat(json.get("partitions").asInt()).isEqualTo(1);
        assertThat(json.get("replicationFactor").asInt()).isEqualTo(1);
        assertThat(json.get("topicId").asText()).hasSize(36);

        JsonNode described = Cli.on(bootstrap(), "topics", "describe", "--topic", "created", "--output", "json")
            .ok().json().get(0);
        assertThat(described.get("partitionCount").asInt()).isEqualTo(3);
        assertThat(described.get("configs").get("retention.ms").asText()).isEqualTo("3600000");
    }

    @Test
    void createFailsForAnExistingTopicUnlessIfNotExists() {
        Cli.Result again = Cli.on(bootstrap(), "topics", "create", "--topic", "existing");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).startsWith("tributary: TOPIC_ALREADY_EXISTS").contains("existing")
            .doesNotContain("\tat ");

        Cli.Result tolerated = Cli.on(bootstrap(), "topics", "create", "--topic", "existing", "--if-not-exists").ok();
        assertThat(tolerated.out()).isEqualTo("Topic existing exists already.\n");
    }

    @Test
    void listsTopicsWithPartitionsAsTableAndJson() {
        Cli.on(bootstrap(), "topics", "create", "--topic", "listed", "--partitions", "4").ok();

        Cli.Result table = Cli.on(bootstrap(), "topics", "list").ok();
        assertThat(table.lines().get(0)).matches("TOPIC +PARTITIONS +REPLICATION-FACTOR");
        assertThat(table.lines()).anyMatch(l -> l.matches("listed +4 +1"))
            .anyMatch(l -> l.matches("existing +2 +1"))
            .noneMatch(l -> l.startsWith("__"));

        JsonNode json = Cli.on(bootstrap(), "topics", "list", "--output", "json").ok().json();
        assertThat(json.isArray()).isTrue();
        JsonNode listed = null;
        for (JsonNode t : json) {
            if (t.get("name").asText().equals("listed")) {
                listed = t;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("partitions").asInt()).isEqualTo(4);
        assertThat(listed.get("internal").asBoolean()).isFalse();
    }

    @Test
    void describesPartitionsLeadersAndOverridesAsTable() {
        Cli.on(bootstrap(), "topics", "create", "--topic", "described", "--partitions", "2", "--config",
            "cleanup.policy=compact").ok();

        Cli.Result table = Cli.on(bootstrap(), "topics", "describe", "--topic", "described").ok();

        assertThat(table.lines().get(0)).startsWith("Topic: described  TopicId: ")
            .contains("PartitionCount: 2  ReplicationFactor: 1  Configs: cleanup.policy=compact");
        assertThat(table.lines().get(1)).matches("PARTITION +LEADER +REPLICAS +ISR");
        assertThat(table.lines().subList(2, 4)).allMatch(l -> l.matches("[01] +1 +1 +1"));
    }

    @Test
    void describingAnUnknownTopicFailsWithItsErrorCode() {
        Cli.Result unknown = Cli.on(bootstrap(), "topics", "describe", "--topic", "no-such-topic");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).startsWith("tributary: UNKNOWN_TOPIC_OR_PARTITION").contains("no-such-topic")
            .hasLineCount(1);
    }

    @Test
    void altersPartitionsAndConfigs() {
        Cli.on(bootstrap(), "topics", "create", "--topic", "altered", "--partitions", "1", "--config",
            "retention.ms=1000").ok();

        Cli.Result altered = Cli.on(bootstrap(), "topics", "alter", "--topic", "altered", "--partitions", "3",
            "--config", "segment.ms=600000", "--delete-config", "retention.ms").ok();
        assertThat(altered.out()).isEqualTo("Altered topic altered: partitions=3, segment.ms=600000, deleted "
            + "retention.ms.\n");

        JsonNode described = Cli.on(bootstrap(), "topics", "describe", "--topic", "altered", "--output", "json")
            .ok().json().get(0);
        assertThat(described.get("partitionCount").asInt()).isEqualTo(3);
        assertThat(described.get("configs").has("retention.ms")).isFalse();
        assertThat(described.get("configs").get("segment.ms").asText()).isEqualTo("600000");

        JsonNode json = Cli.on(bootstrap(), "topics", "alter", "--topic", "altered", "--config", "retention.ms=5000",
            "--output", "json").ok().json();
        assertThat(json.get("set").get("retention.ms").asText()).isEqualTo("5000");
    }

    @Test
    void alterWithoutChangesIsAUsageError() {
        Cli.Result nothing = Cli.on(bootstrap(), "topics", "alter", "--topic", "existing");

        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("Nothing to alter");
    }

    @Test
    void deletesTopics() {
        Cli.on(bootstrap(), "topics", "create", "--topic", "doomed").ok();

        assertThat(Cli.on(bootstrap(), "topics", "delete", "--topic", "doomed").ok().out())
            .isEqualTo("Deleted topic doomed.\n");
        assertThat(Cli.on(bootstrap(), "topics", "list").ok().out()).doesNotContain("doomed");

        Cli.Result again = Cli.on(bootstrap(), "topics", "delete", "--topic", "doomed");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("UNKNOWN_TOPIC_OR_PARTITION");
        assertThat(Cli.on(bootstrap(), "topics", "delete", "--topic", "doomed", "--if-exists", "--output", "json")
            .ok().json().get("deleted")).isEmpty();
    }

    @Test
    void malformedConfigIsAUsageError() {
        Cli.Result malformed = Cli.on(bootstrap(), "topics", "create", "--topic", "never", "--config", "foo");

        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("'foo' is not KEY=VALUE").contains("--help");
        assertThat(Cli.on(bootstrap(), "topics", "list").ok().out()).doesNotContain("never");
    }

    @Test
    void invalidConfigValueFailsWithTheBrokersError() {
        Cli.Result invalid = Cli.on(bootstrap(), "topics", "create", "--topic", "invalid-config", "--config",
            "retention.ms=soon");

        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.err()).startsWith("tributary: INVALID_CONFIG");
    }
}
