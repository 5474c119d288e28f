package io.tributary.broker.internal.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.internal.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Group settings with Kafka's names and defaults, and the combinations refused at start-up. */
final class GroupConfigValidationTest {
    @Test
    void defaultsAreKafkas() {
        GroupConfig classic = GroupConfig.from(BrokerConfig.defaults());
        assertThat(classic.minSessionTimeoutMs()).isEqualTo(6000);
        assertThat(classic.maxSessionTimeoutMs()).isEqualTo(1_800_000);
        assertThat(classic.maxSize()).isEqualTo(Integer.MAX_VALUE);
        assertThat(classic.maxMetadataBytes()).isEqualTo(4096);
        assertThat(classic.offsetsRetentionCheckMs()).isEqualTo(600_000);
        ConsumerGroupConfig consumer = ConsumerGroupConfig.from(BrokerConfig.defaults());
        assertThat(consumer).isEqualTo(ConsumerGroupConfig.defaults());
        assertThat(ConsumerGroupConfig.from(BrokerConfig.defaults().set("group.consumer.assignors",
            "org.apache.kafka.coordinator.group.assignor.RangeAssignor,uniform")).assignors())
            .containsExactly("range", "uniform");
        assertThat(ConsumerGroupConfig.from(BrokerConfig.defaults().set("group.coordinator.rebalance.protocols",
            "classic")).enabled()).isFalse();
    }

    @Test
    void badCombinationsNameTheSettings() {
        assertThatThrownBy(() -> GroupConfig.from(BrokerConfig.defaults().set("group.min.session.timeout.ms",
            "2000000"))).isInstanceOf(ConfigException.class).hasMessageContaining("group.max.session.timeout.ms");
        assertThatThrownBy(() -> ConsumerGroupConfig.from(BrokerConfig.defaults()
            .set("group.consumer.heartbeat.interval.ms", "1000")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("group.consumer.min.heartbeat.interval.ms");
        assertThatThrownBy(() -> ConsumerGroupConfig.from(BrokerConfig.defaults()
            .set("group.consumer.heartbeat.interval.ms", "15000")
            .set("group.consumer.min.session.timeout.ms", "1000")
            .set("group.consumer.session.timeout.ms", "15000")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("less than group.consumer.session.timeout.ms");
        assertThatThrownBy(() -> ConsumerGroupConfig.from(BrokerConfig.defaults()
            .set("group.coordinator.rebalance.protocols", "consumer")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("must contain classic");
        for (String bad : List.of("sticky", "")) {
            assertThatThrownBy(() -> BrokerConfig.defaults().set("group.consumer.assignors", bad))
                .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
