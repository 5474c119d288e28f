package io.tributary.admin;

import io.tributary.testkit.ApacheKafkaExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin suite against Apache Kafka. */
final class AdminOnApacheKafkaTest extends AdminSuite {
    @RegisterExtension
    static final ApacheKafkaExtension KAFKA = ApacheKafkaExtension.create();

    @Override
    String bootstrapServers() {
        return KAFKA.bootstrapServers();
    }
}
