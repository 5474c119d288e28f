package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testkit.BlockHoundExtension;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(BlockHoundExtension.class)
final class GroupsCommandTest {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("group.initial.rebalance.delay.ms", "0")
        .topic("orders", 2)
        .topic("live", 1));

    private static String bootstrap() {
        return BROKER.bootstrapServers();
    }

    @BeforeAll
    static void fivePerPartition() {
        for (int p = 0; p < 2; p++) {
            Cli.onWithInput(bootstrap(), "a\nb\nc\nd\ne\n", "produce", "--topic", "orders", "--partition",
                String.valueOf(p)).ok();
        }
    }

    /** Commits {@code p0} records of partition 0 and {@code p1} of partition 1 for {@code group}. */
    private static void commit(String group, int p0, int p1) {
        Cli.on(bootstrap(), "consume", "--topic", "orders", "--group", group, "--partition", "0", "--offset",
            "earliest", "--max-messages", String.valueOf(p0)).ok();
        Cli.on(bootstrap(), "consume", "--topic", "orders", "--group", group, "--partition", "1", "--offset",
            "earliest", "--max-messages", String.valueOf(p1)).ok();
    }

    /** The group's committed offset per partition, from {@code groups describe --output json}. */
    private static Map<Integer, Long> committed(String group) {
        Map<Integer, Long> offsets = new HashMap<>();
        for (JsonNode p : Cli.on(bootstrap(), "groups", "describe", "--group", group, "--output", "json").ok().json()
            .get("offsets")) {
            offsets.put(p.get("partition").asInt(), p.get("currentOffset").asLong());
        }
        return offsets;
    }

    @Test
    void describesOffsetsAndLagPerPartition() {
        commit("lagging", 3, 1);

        Cli.Result table = Cli.on(bootstrap(), "groups", "describe", "--group", "lagging").ok();
        assertThat(table.lines().get(0)).isEqualTo("Group: lagging  State: Empty  Protocol: -  Members: 0");
        assertThat(table.lines().get(1))
            .matches("TOPIC +PARTITION +CURRENT-OFFSET +LOG-END-OFFSET +LAG +CONSUMER-ID +HOST +CLIENT-ID");
        assertThat(table.lines().get(2)).matches("orders +0 +3 +5 +2 +- +- +-");
        assertThat(table.lines().get(3)).matches("orders +1 +1 +5 +4 +- +- +-");

        JsonNode json = Cli.on(bootstrap(), "groups", "describe", "--group", "lagging", "--output", "json").ok()
            .json();
        assertThat(json.get("group").asText()).isEqualTo("lagging");
        assertThat(json.get("offsets").get(0).get("lag").asLong()).isEqualTo(2);
        assertThat(json.get("offsets").get(1).get("logEndOffset").asLong()).isEqualTo(5);
        assertThat(json.get("members")).isEmpty();
    }

    @Test
    void describesTheMembersOfARunningGroup() throws Exception {
        Cli.Running consumer = Cli.start("consume", "--topic", "live", "--group", "watchers", "--bootstrap-server",
            bootstrap());
        try {
            JsonNode group = awaitStable("watchers");
            JsonNode member = group.get("members").get(0);
            assertThat(member.get("clientId").asText()).startsWith("tributary-cli-consumer-");
            assertThat(member.get("assignment").get(0).get("topic").asText()).isEqualTo("live");
            JsonNode partition = group.get("offsets").get(0);
            assertThat(partition.get("memberId").asText()).isEqualTo(member.get("memberId").asText());

            Cli.Result table = Cli.on(bootstrap(), "groups", "describe", "--group", "watchers").ok();
            assertThat(table.lines().get(0)).startsWith("Group: watchers  State: Stable  Protocol: ")
                .endsWith("Members: 1");
            assertThat(table.lines().get(2)).startsWith("live").contains(member.get("memberId").asText())
                .contains("tributary-cli-consumer-");

            Cli.Result reset = Cli.on(bootstrap(), "groups", "reset-offsets", "--group", "watchers", "--topic",
                "live", "--to-earliest", "--execute");
            assertThat(reset.exitCode()).isEqualTo(1);
            assertThat(reset.err()).contains("can only be reset while it has no members, but it is Stable");
        } finally {
            assertThat(consumer.stop().exitCode()).isZero();
        }
        // The stopped consumer left the group before its command returned.
        JsonNode left = Cli.on(bootstrap(), "groups", "describe", "--group", "watchers", "--output", "json").ok()
            .json();
        assertThat(left.get("members")).isEmpty();
    }

    private static JsonNode awaitStable(String group) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Cli.Result r = Cli.on(bootstrap(), "groups", "describe", "--group", group, "--output", "json");
            if (r.exitCode() == 0 && r.json().get("state").asText().equals("Stable")
                && !r.json().get("offsets").isEmpty() && !r.json().get("offsets").get(0).get("memberId").isNull()) {
                return r.json();
            }
            assertThat(System.nanoTime()).as("group %s did not become stable: %s", group, r).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void listsGroupsWithStateAndType() {
        commit("listed", 1, 1);

        Cli.Result table = Cli.on(bootstrap(), "groups", "list").ok();
        assertThat(table.lines().get(0)).matches("GROUP +STATE +TYPE +PROTOCOL-TYPE");
        assertThat(table.lines()).anyMatch(l -> l.matches("listed +Empty +classic +.*"));

        JsonNode json = Cli.on(bootstrap(), "groups", "list", "--output", "json").ok().json();
        boolean found = false;
        for (JsonNode g : json) {
            if (g.get("group").asText().equals("listed")) {
                found = true;
                assertThat(g.get("state").asText()).isEqualTo("Empty");
            }
        }
        assertThat(found).isTrue();
    }

    @Test
    void resetOffsetsIsADryRunUnlessExecuted() {
        commit("replayed", 3, 2);

        Cli.Result plan = Cli.on(bootstrap(), "groups", "reset-offsets", "--group", "replayed", "--topic", "orders",
            "--to-earliest").ok();
        assertThat(plan.lines().get(0)).matches("GROUP +TOPIC +PARTITION +CURRENT-OFFSET +NEW-OFFSET");
        assertThat(plan.lines().get(1)).matches("replayed +orders +0 +3 +0");
        assertThat(plan.lines().get(2)).matches("replayed +orders +1 +2 +0");
        assertThat(plan.err()).contains("Dry run");
        assertThat(committed("replayed")).containsEntry(0, 3L).containsEntry(1, 2L);

        JsonNode executed = Cli.on(bootstrap(), "groups", "reset-offsets", "--group", "replayed", "--topic",
            "orders", "--to-earliest", "--execute", "--output", "json").ok().json();
        assertThat(executed.get("executed").asBoolean()).isTrue();
        assertThat(executed.get("offsets").get(0).get("newOffset").asLong()).isZero();
        assertThat(committed("replayed")).containsEntry(0, 0L).containsEntry(1, 0L);
    }

    @Test
    void resetOffsetsToEachKindOfTarget() {
        commit("moved", 2, 2);

        Cli.on(bootstrap(), "groups", "reset-offsets", "--group", "moved", "--topic", "orders", "--to-offset", "4",
            "--execute").ok();
        assertThat(committed("moved")).containsEntry(0, 4L).containsEntry(1, 4L);

        Cli.on(bootstrap(), "groups", "reset-offsets", "--group", "moved", "--topic", "orders:1", "--shift-by", "-3",
            "--execute").ok();
        assertThat(committed("moved")).containsEntry(0, 4L).containsEntry(1, 1L);

        Cli.on(bootstrap(), "groups", "reset-offsets", "--group", "moved", "--all-topics", "--shift-by", "100",
            "--execute").ok();
        assertThat(committed("moved")).containsEntry(0, 5L).containsEntry(1, 5L);

        Cli.on(bootstrap(), "groups", "reset-offsets", "--group", "moved", "--topic", "orders", "--to-datetime",
            "1970-01-01T00:00:00Z", "--execute").ok();
        assertThat(committed("moved")).containsEntry(0, 0L).containsEntry(1, 0L);

        Cli.on(bootstrap(), "groups", "reset-offsets", "--group", "moved", "--topic", "orders", "--to-datetime",
            "2999-01-01T00:00:00", "--execute").ok();
        assertThat(committed("moved")).containsEntry(0, 5L).containsEntry(1, 5L);

        Cli.on(bootstrap(), "groups", "reset-offsets", "--group", "moved", "--topic", "orders:0", "--to-offset",
            "-7", "--execute").ok();
        assertThat(committed("moved")).containsEntry(0, 0L).containsEntry(1, 5L);
    }

    @Test
    void resetOffsetsNeedsExactlyOneTarget() {
        Cli.Result none = Cli.on(bootstrap(), "groups", "reset-offsets", "--group", "any", "--topic", "orders");
        assertThat(none.exitCode()).isEqualTo(2);

        Cli.Result two = Cli.on(bootstrap(), "groups", "reset-offsets", "--group", "any", "--topic", "orders",
            "--to-earliest", "--to-latest");
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.err()).contains("mutually exclusive");

        Cli.Result badDate = Cli.on(bootstrap(), "groups", "reset-offsets", "--group", "any", "--topic", "orders",
            "--to-datetime", "yesterday");
        assertThat(badDate.exitCode()).isEqualTo(2);
        assertThat(badDate.err()).contains("'yesterday' is not a date-time");
    }

    @Test
    void resetOffsetsOfAnUnknownTopicFails() {
        Cli.Result unknown = Cli.on(bootstrap(), "groups", "reset-offsets", "--group", "any", "--topic",
            "no-such-topic", "--to-earliest");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("tributary: UNKNOWN_TOPIC_OR_PARTITION");
    }

    @Test
    void deletesGroups() {
        commit("deleted", 1, 1);

        assertThat(Cli.on(bootstrap(), "groups", "delete", "--group", "deleted").ok().out())
            .isEqualTo("Deleted group deleted.\n");

        Cli.Result gone = Cli.on(bootstrap(), "groups", "describe", "--group", "deleted");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).isEqualTo("tributary: Group deleted does not exist\n");
        Cli.Result again = Cli.on(bootstrap(), "groups", "delete", "--group", "deleted");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("GROUP_ID_NOT_FOUND");

        commit("deleted-json", 1, 1);
        JsonNode json = Cli.on(bootstrap(), "groups", "delete", "--group", "deleted-json", "--output", "json").ok()
            .json();
        assertThat(json.get("deleted").get(0).asText()).isEqualTo("deleted-json");
    }
}
