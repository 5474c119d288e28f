package io.tributary.consumer.group;

import io.tributary.testkit.ApacheKafkaExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

final class GroupMembershipOnApacheKafkaTest extends GroupMembershipSuite {
    @RegisterExtension
    static final ApacheKafkaExtension KAFKA = ApacheKafkaExtension.create();

    @Override
    String bootstrapServers() {
        return KAFKA.bootstrapServers();
    }
}
