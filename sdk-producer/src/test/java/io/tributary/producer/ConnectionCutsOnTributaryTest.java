package io.tributary.producer;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.EmbeddedBroker;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

final class ConnectionCutsOnTributaryTest extends ConnectionCutsSuite {
    private static int proxyPort;
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            proxyPort = s.getLocalPort();
        }
        broker = EmbeddedBroker.create(BrokerConfig.defaults()
            .set("advertised.listeners", "PLAINTEXT://localhost:" + proxyPort)).start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Override
    int proxyPort() {
        return proxyPort;
    }

    @Override
    int brokerPort() {
        return broker.port();
    }
}
