package io.tributary.consumer.group;

import io.tributary.testkit.EmbeddedBrokerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

final class GroupMembershipOnTributaryTest extends GroupMembershipSuite {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("group.initial.rebalance.delay.ms", "0"));

    @Override
    String bootstrapServers() {
        return BROKER.bootstrapServers();
    }
}
