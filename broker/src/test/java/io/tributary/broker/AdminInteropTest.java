package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** kafka-clients' Admin against the embedded broker: topics, partitions, configs and cluster description. */
final class AdminInteropTest {
    private static EmbeddedBroker broker;
    private static Admin admin;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.create().start();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        admin = Admin.create(p);
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void createsListsAndDescribesTopics() throws Exception {
        admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1)
            .configs(Map.of("retention.ms", "3600000")))).all().get();
        assertThat(admin.listTopics().names().get()).contains("orders");
        TopicDescription d = admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders");
        assertThat(d.partitions()).hasSize(3);
        assertThat(d.partitions().get(0).leader().id()).isEqualTo(1);
        assertThat(d.topicId().toString()).isNotEqualTo("AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(d.isInternal()).isFalse();
    }

    @Test
    void describesTopicConfigsWithTheirSource() throws Exception {
        admin.createTopics(List.of(new NewTopic("configured", 1, (short) 1)
            .configs(Map.of("cleanup.policy", "compact")))).all().get();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "configured");
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(config.get("cleanup.policy").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(config.get("retention.ms").value()).isEqualTo("604800000");
        assertThat(config.get("retention.ms").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        assertThat(config.get("max.message.bytes").value()).isEqualTo("1048588");
    }

    @Test
    void incrementallyAltersTopicConfigs() throws Exception {
        admin.createTopics(List.of(new NewTopic("altered", 1, (short) 1))).all().get();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "altered");
        admin.incrementalAlterConfigs(Map.of(resource, List.of(
            new AlterConfigOp(new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET),
            new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.APPEND))))
            .all().get();
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        assertThat(config.get("retention.ms").value()).isEqualTo("1000");
        assertThat(config.get("cleanup.policy").value()).isEqualTo("delete,compact");

        admin.incrementalAlterConfigs(Map.of(resource, List.of(
            new AlterConfigOp(new ConfigEntry("retention.ms", ""), AlterConfigOp.OpType.DELETE)))).all().get();
        config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        assertThat(config.get("retention.ms").value()).isEqualTo("604800000");
    }

    @Test
    void rejectsInvalidConfigValuesAndNames() {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "orders-bad-config");
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("orders-bad-config", 1, (short) 1)
            .configs(Map.of("retention.ms", "soon")))).all().get())
            .hasCauseInstanceOf(InvalidConfigurationException.class)
            .hasMessageContaining("retention.ms");
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("orders-bad-config", 1, (short) 1)
            .configs(Map.of("no.such.config", "1")))).all().get())
            .hasCauseInstanceOf(InvalidConfigurationException.class);
        assertThat(resource.name()).isEqualTo("orders-bad-config");
    }

    @Test
    void dynamicBrokerConfigsChangeTopicDefaults() throws Exception {
        admin.createTopics(List.of(new NewTopic("follows-broker", 1, (short) 1))).all().get();
        ConfigResource cluster = new ConfigResource(ConfigResource.Type.BROKER, "");
        admin.incrementalAlterConfigs(Map.of(cluster, List.of(
            new AlterConfigOp(new ConfigEntry("log.retention.ms", "7200000"), AlterConfigOp.OpType.SET))))
            .all().get();
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "follows-broker");
        ConfigEntry retention = admin.describeConfigs(List.of(topic)).all().get().get(topic).get("retention.ms");
        assertThat(retention.value()).isEqualTo("7200000");
        assertThat(retention.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);

        ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "1");
        Config brokerConfig = admin.describeConfigs(List.of(node)).all().get().get(node);
        assertThat(brokerConfig.get("num.partitions").value()).isEqualTo("1");
        assertThatThrownBy(() -> admin.incrementalAlterConfigs(Map.of(cluster, List.of(
            new AlterConfigOp(new ConfigEntry("node.id", "7"), AlterConfigOp.OpType.SET)))).all().get())
            .hasCauseInstanceOf(InvalidConfigurationException.class);
        admin.incrementalAlterConfigs(Map.of(cluster, List.of(
            new AlterConfigOp(new ConfigEntry("log.retention.ms", ""), AlterConfigOp.OpType.DELETE)))).all().get();
    }

    @Test
    void growsPartitionsButNeverShrinks() throws Exception {
        admin.createTopics(List.of(new NewTopic("growing", 2, (short) 1))).all().get();
        admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(5))).all().get();
        assertThat(admin.describeTopics(List.of("growing")).allTopicNames().get().get("growing").partitions())
            .hasSize(5);
        assertThatThrownBy(() -> admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(3))).all().get())
            .hasCauseInstanceOf(InvalidPartitionsException.class);
    }

    @Test
    void reportsKafkaErrorsForBadCreations() throws Exception {
        admin.createTopics(List.of(new NewTopic("twice", 1, (short) 1))).all().get();
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("twice", 1, (short) 1))).all().get())
            .hasCauseInstanceOf(TopicExistsException.class);
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("bad/name", 1, (short) 1))).all().get())
            .hasCauseInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("replicated", 1, (short) 3))).all().get())
            .hasCauseInstanceOf(InvalidReplicationFactorException.class);
    }

    @Test
    void validateOnlyCreatesNothing() throws Exception {
        admin.createTopics(List.of(new NewTopic("dry-run", 4, (short) 1)),
            new CreateTopicsOptions().validateOnly(true)).all().get();
        assertThat(admin.listTopics().names().get()).doesNotContain("dry-run");
    }

    @Test
    void deletesTopics() throws Exception {
        admin.createTopics(List.of(new NewTopic("doomed", 1, (short) 1))).all().get();
        admin.deleteTopics(List.of("doomed")).all().get();
        assertThat(admin.listTopics().names().get()).doesNotContain("doomed");
        assertThatThrownBy(() -> admin.deleteTopics(List.of("doomed")).all().get())
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void describesTheClusterAsThisOneNode() throws Exception {
        Collection<org.apache.kafka.common.Node> nodes = admin.describeCluster().nodes().get();
        assertThat(nodes).singleElement().satisfies(n -> {
            assertThat(n.id()).isEqualTo(1);
            assertThat(n.port()).isEqualTo(broker.port());
        });
        assertThat(admin.describeCluster().clusterId().get()).hasSize(22);
        assertThat(Optional.ofNullable(admin.describeCluster().controller().get())).isPresent();
    }
}
