package io.tributary.consumer;

import io.tributary.testkit.ApacheKafkaExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

final class ConsumerGroupsToolOnApacheKafkaTest extends ConsumerGroupsToolSuite {
    @RegisterExtension
    static final ApacheKafkaExtension KAFKA = ApacheKafkaExtension.create();

    @Override
    String bootstrapServers() {
        return KAFKA.bootstrapServers();
    }
}
