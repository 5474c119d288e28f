package io.tributary.producer;

import io.tributary.testkit.ApacheKafkaExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

final class TransactionsOnApacheKafkaTest extends TransactionSuite {
    @RegisterExtension
    static final ApacheKafkaExtension KAFKA = ApacheKafkaExtension.create();

    @Override
    String bootstrapServers() {
        return KAFKA.bootstrapServers();
    }
}
