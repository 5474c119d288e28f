package io.tributary.consumer;

import io.tributary.testkit.EmbeddedBrokerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

final class ConsumerGroupsToolOnTributaryTest extends ConsumerGroupsToolSuite {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("group.initial.rebalance.delay.ms", "0"));

    @Override
    String bootstrapServers() {
        return BROKER.bootstrapServers();
    }
}
