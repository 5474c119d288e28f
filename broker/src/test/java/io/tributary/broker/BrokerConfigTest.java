package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class BrokerConfigTest {

    @Test
    void readsKafkasOwnServerPropertiesFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, String.join("\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.bootstrap.servers=localhost:9093",
            "listeners=PLAINTEXT://localhost:9092",
            "advertised.listeners=PLAINTEXT://broker.example:9092",
            "controller.listener.names=CONTROLLER",
            "num.network.threads=3",
            "log.dirs=" + dir.resolve("data"),
            "num.partitions=3",
            "offsets.topic.replication.factor=1",
            "log.retention.hours=24",
            "log.segment.bytes=1073741824"));
        BrokerConfig config = BrokerConfig.load(file);
        assertThat(config.nodeId()).isEqualTo(1);
        assertThat(config.listener().port()).isEqualTo(9092);
        assertThat(config.advertisedListener().host()).isEqualTo("broker.example");
        assertThat(config.logDir()).isEqualTo(dir.resolve("data"));
        assertThat(config.value("num.partitions")).isEqualTo(3);
        assertThat(config.value("auto.create.topics.enable")).isEqualTo(true);
    }

    @Test
    void unknownKeysFailNamingTheKey() {
        assertThatThrownBy(() -> BrokerConfig.fromProperties(Map.of("log.retension.hours", "1")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("log.retension.hours");
    }

    @Test
    void invalidValuesFailNamingKeyValueAndRule() {
        assertThatThrownBy(() -> BrokerConfig.defaults().set("num.partitions", "zero"))
            .hasMessageContaining("num.partitions").hasMessageContaining("zero");
        assertThatThrownBy(() -> BrokerConfig.defaults().set("num.partitions", "0"))
            .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> BrokerConfig.defaults().set("auto.create.topics.enable", "yes"))
            .hasMessageContaining("auto.create.topics.enable");
        assertThatThrownBy(() -> BrokerConfig.defaults().set("default.replication.factor", "3"))
            .hasMessageContaining("default.replication.factor")
            .hasMessageContaining("single node");
    }

    @Test
    void listenersAreCheckedAtOnce() {
        assertThatThrownBy(() -> BrokerConfig.defaults().set("listeners", "localhost:9092"))
            .hasMessageContaining("NAME://host:port");
        assertThatThrownBy(() -> BrokerConfig.defaults().set("listeners", "SSL://:9093"))
            .hasMessageContaining("only PLAINTEXT");
        assertThatThrownBy(() -> BrokerConfig.defaults().listener("localhost", 70000))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(BrokerConfig.defaults().set("listeners", "PLAINTEXT://[::1]:9092").listener().host())
            .isEqualTo("::1");
    }

    @Test
    void settersReturnNewInstances() {
        BrokerConfig base = BrokerConfig.defaults();
        BrokerConfig changed = base.nodeId(7);
        assertThat(base.nodeId()).isEqualTo(1);
        assertThat(changed.nodeId()).isEqualTo(7);
    }
}
