package io.tributary.streams;

import io.tributary.testkit.BlockHoundExtension;
import io.tributary.testkit.EmbeddedBrokerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The suite on the embedded broker, with BlockHound watching the runtime, the SDK and the broker alike. */
@ExtendWith(BlockHoundExtension.class)
final class StreamsOnTributaryTest extends StreamsSuite {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("group.initial.rebalance.delay.ms", "0")
        .config("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000"));

    @Override
    String bootstrapServers() {
        return BROKER.bootstrapServers();
    }
}
