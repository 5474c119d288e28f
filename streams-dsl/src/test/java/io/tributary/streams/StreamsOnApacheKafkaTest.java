package io.tributary.streams;

import io.tributary.testkit.ApacheKafkaExtension;
import io.tributary.testkit.BlockHoundExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The suite on a real Apache Kafka broker. The broker runs in its own JVM, so BlockHound here watches only the
 * streams runtime and the SDK: a blocking call on a Netty event loop or a non-blocking Reactor thread fails the test.
 * (With the embedded broker in the same JVM, BlockHound would also judge the broker's own threads.)
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
