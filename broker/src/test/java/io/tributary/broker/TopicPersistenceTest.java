package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topics, their ids, partition counts and configs survive a restart, as does the cluster id. */
final class TopicPersistenceTest {

    @Test
    void topicsSurviveARestart(@TempDir Path dir) throws Exception {
        BrokerConfig config = BrokerConfig.defaults().logDir(dir);
        String clusterId;
        org.apache.kafka.common.Uuid topicId;
        try (EmbeddedBroker broker = EmbeddedBroker.create(config).start(); Admin admin = admin(broker)) {
            admin.createTopics(List.of(new NewTopic("kept", 4, (short) 1)
                .configs(Map.of("cleanup.policy", "compact")))).all().get();
            clusterId = admin.describeCluster().clusterId().get();
            topicId = admin.describeTopics(List.of("kept")).allTopicNames().get().get("kept").topicId();
        }
        try (EmbeddedBroker broker = EmbeddedBroker.create(config).start(); Admin admin = admin(broker)) {
            TopicDescription d = admin.describeTopics(List.of("kept")).allTopicNames().get().get("kept");
            assertThat(d.partitions()).hasSize(4);
            assertThat(d.topicId()).isEqualTo(topicId);
            assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
            ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, "kept");
            assertThat(admin.describeConfigs(List.of(r)).all().get().get(r).get("cleanup.policy").value())
                .isEqualTo("compact");
        }
    }

    private static Admin admin(EmbeddedBroker broker) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return Admin.create(p);
    }
}
