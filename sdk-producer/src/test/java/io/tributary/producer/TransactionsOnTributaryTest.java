package io.tributary.producer;

import io.tributary.testkit.EmbeddedBrokerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

final class TransactionsOnTributaryTest extends TransactionSuite {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create();

    @Override
    String bootstrapServers() {
        return BROKER.bootstrapServers();
    }
}
