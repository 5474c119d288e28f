package io.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.EmbeddedBroker;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class EmbeddedBrokerExtensionTest {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("num.partitions", "2")
        .topic("orders", 3)
        .topic("ledger", 1, Map.of("cleanup.policy", "compact")));

    @Test
    void injectsBootstrapServersOfARunningBrokerWithItsTopics(@BootstrapServers String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of("orders", "ledger"))
                .allTopicNames().get();
            assertThat(topics.get("orders").partitions()).hasSize(3);
            assertThat(topics.get("ledger").partitions()).hasSize(1);
        }
    }

    @Test
    void injectsTheBrokerItself(EmbeddedBroker broker) {
        assertThat(broker.bootstrapServers()).isEqualTo(BROKER.bootstrapServers());
        assertThat(broker.config().value("num.partitions")).isEqualTo(2);
    }
}
