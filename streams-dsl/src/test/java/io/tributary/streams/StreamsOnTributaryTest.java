package io.tributary.streams;

import io.tributary.testkit.EmbeddedBrokerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

final class StreamsOnTributaryTest extends StreamsSuite {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("group.initial.rebalance.delay.ms", "0"));

    @Override
    String bootstrapServers() {
        return BROKER.bootstrapServers();
    }
}
