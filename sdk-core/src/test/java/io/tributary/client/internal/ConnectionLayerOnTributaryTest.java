package io.tributary.client.internal;

import io.tributary.testkit.EmbeddedBrokerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

final class ConnectionLayerOnTributaryTest extends ConnectionLayerSuite {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create();

    @Override
    String bootstrapServers() {
        return BROKER.bootstrapServers();
    }
}
