package io.tributary.producer;

import io.tributary.testkit.ApacheKafkaExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

final class ConnectionCutsOnApacheKafkaTest extends ConnectionCutsSuite {
    @RegisterExtension
    static final ApacheKafkaExtension KAFKA = ApacheKafkaExtension.create();

    @Override
    int proxyPort() {
        return KAFKA.proxiedListener().advertisedPort();
    }

    @Override
    int brokerPort() {
        return KAFKA.proxiedListener().listenerPort();
    }
}
