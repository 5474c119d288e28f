package io.tributary.admin;

import io.tributary.testkit.EmbeddedBrokerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin suite against Tributary's embedded broker. */
final class AdminOnTributaryTest extends AdminSuite {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create();

    @Override
    String bootstrapServers() {
        return BROKER.bootstrapServers();
    }
}
