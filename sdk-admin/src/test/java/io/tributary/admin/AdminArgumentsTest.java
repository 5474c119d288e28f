package io.tributary.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.client.ClientOptions;
import io.tributary.common.TopicPartition;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calls are lazy and check their arguments when made, before anything is sent. */
final class AdminArgumentsTest {

    @Test
    void nothingConnectsBeforeSubscription() throws IOException {
        try (ServerSocket server = new ServerSocket(0)) {
            TributaryAdmin admin = TributaryAdmin.create(AdminOptions.create(
                ClientOptions.create("localhost:" + server.getLocalPort())));
            TopicPartition tp = new TopicPartition("t", 0);
            admin.createTopics(List.of(NewTopic.of("t", 1)));
            admin.deleteTopics(List.of("t"));
            admin.listTopics();
            admin.describeTopics(List.of("t"));
            admin.createPartitions(Map.of("t", 2));
            admin.describeConfigs(ConfigResource.topic("t"), ConfigResource.broker(1));
            admin.incrementalAlterConfigs(Map.of(ConfigResource.topic("t"), List.of(AlterConfigOp.delete("x"))));
            admin.describeCluster();
            admin.deleteRecords(Map.of(tp, 1L));
            admin.listOffsets(Map.of(tp, OffsetSpec.latest()));
            admin.listGroups();
            admin.describeGroups(List.of("g"));
            admin.deleteGroups(List.of("g"));
            admin.listGroupOffsets("g");
            admin.alterGroupOffsets("g", Map.of(tp, 1L));
            admin.deleteGroupOffsets("g", List.of(tp));
            admin.describeProducers(List.of(tp));
            admin.listTransactions();
            admin.close();
            server.setSoTimeout(300);
            assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
            admin.closeNow();
        }
    }

    @Test
    void badArgumentsThrowAtCallTime() {
        TributaryAdmin admin = TributaryAdmin.create(AdminOptions.create(ClientOptions.create("localhost:1")));
        TopicPartition tp = new TopicPartition("t", 0);
        assertThatThrownBy(() -> admin.createTopics(List.of(NewTopic.of("t", 1), NewTopic.of("t", 2))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Topic t is given twice");
        assertThatThrownBy(() -> admin.createPartitions(Map.of("t", 0)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("topic t");
        assertThatThrownBy(() -> admin.deleteRecords(Map.of(tp, -2L)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("t-0");
        assertThatThrownBy(() -> admin.alterGroupOffsets("g", Map.of(tp, -1L)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("group g");
        assertThatThrownBy(() -> admin.listGroupOffsets(""))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> admin.describeTopics(null))
            .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> admin.deleteTopics(List.of("")))
            .isInstanceOf(IllegalArgumentException.class);
        admin.closeNow();
    }

    @Test
    void valueTypesRejectBadValues() {
        assertThatThrownBy(() -> NewTopic.of("t", 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("partitions of topic t");
        assertThatThrownBy(() -> NewTopic.of("t", 1, (short) 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("replicationFactor");
        assertThatThrownBy(() -> OffsetSpec.forTimestamp(-5))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigResource.broker(-1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConfigResource(ConfigResource.Type.BROKER, "one"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlterConfigOp("x", null, AlterConfigOp.Operation.SET))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valueTypesAreValues() {
        NewTopic topic = NewTopic.of("t", 3).config("a", "1").config("b", "2").config("a", "3");
        assertThat(topic.configs()).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"));
        assertThat(topic.replicationFactor()).isEqualTo((short) NewTopic.BROKER_DEFAULT);
        assertThat(OffsetSpec.forTimestamp(5)).isEqualTo(OffsetSpec.forTimestamp(5));
        assertThat(OffsetSpec.earliest().timestamp()).isEqualTo(-2);
        assertThat(OffsetSpec.latest().timestamp()).isEqualTo(-1);
        assertThat(OffsetSpec.maxTimestamp().timestamp()).isEqualTo(-3);
        assertThat(GroupState.parse("completingrebalance")).isEqualTo(GroupState.COMPLETING_REBALANCE);
        assertThat(GroupState.parse("")).isEqualTo(GroupState.UNKNOWN);
        assertThat(GroupType.parse("Consumer")).isEqualTo(GroupType.CONSUMER);
        assertThat(TransactionState.parse("PrepareCommit")).isEqualTo(TransactionState.PREPARE_COMMIT);
        assertThat(ConfigEntry.Source.forCode(4)).isEqualTo(ConfigEntry.Source.STATIC_BROKER_CONFIG);
        assertThat(ConfigResource.brokerDefault().toString()).isEqualTo("broker default");
        byte[] bytes = {1, 2};
        MemberDescription member = new MemberDescription("m", null, "c", "h", bytes, List.of());
        bytes[0] = 9;
        member.assignment()[1] = 9;
        assertThat(member.assignment()).containsExactly(1, 2);
        assertThat(member).isEqualTo(new MemberDescription("m", null, "c", "h", new byte[] {1, 2}, List.of()));
    }
}
