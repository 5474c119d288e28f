package io.tributary.streams;

import io.tributary.testkit.ApacheKafkaExtension;
import io.tributary.testkit.BlockHoundExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The suite on a real Apache Kafka broker (in its own JVM): BlockHound watches the streams runtime and the SDK, and
 * a blocking call on a Netty event loop or a non-blocking Reactor thread fails the test.
 */
@ExtendWith(BlockHoundExtension.class)
final class StreamsOnApacheKafkaTest extends StreamsSuite {
    @RegisterExtension
    static final ApacheKafkaExtension KAFKA = ApacheKafkaExtension.create();

    @Override
    String bootstrapServers() {
        return KAFKA.bootstrapServers();
    }
}
