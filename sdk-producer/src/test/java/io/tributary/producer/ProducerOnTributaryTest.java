package io.tributary.producer;

import io.tributary.testkit.EmbeddedBrokerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

final class ProducerOnTributaryTest extends ProducerSuite {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create();

    @Override
    String bootstrapServers() {
        return BROKER.bootstrapServers();
    }
}
