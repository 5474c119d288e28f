package io.tributary.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.admin.AdminOptions;
import io.tributary.admin.NewTopic;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
import io.tributary.testkit.BlockHoundExtension;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A source that could emit without end is read only as fast as the producer writes. */
@ExtendWith(BlockHoundExtension.class)
final class SourceBackpressureTest {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("auto.create.topics.enable", "false"));

    @TempDir
    Path dir;

    @Test
    void readsNoFurtherAheadThanTheProducerTakes() {
        Map<String, String> worker = new java.util.HashMap<>(ConnectFixture.workerProps(BROKER.bootstrapServers(),
            dir));
        worker.put("task.shutdown.graceful.timeout.ms", "1000");
        ConnectStandalone connect = ConnectStandalone.startNow(worker);
        try {
            // The topic does not exist yet: the producer waits for it and takes no record in the meantime.
            connect.createConnector(ConnectFixture.connector("endless", TestPlugins.CountingSourceConnector.class,
                "topic", "endless-out", "producer.override.max.block.ms", "60000")).block(ConnectFixture.WAIT);
            ConnectFixture.awaitStates(connect, "endless", ConnectorStatus.Value.RUNNING,
                ConnectorStatus.Value.RUNNING);
            await().atMost(ConnectFixture.WAIT).until(() -> requested().get() > 0);
            long stalled = requested().get();
            await().pollDelay(Duration.ofSeconds(1)).atMost(ConnectFixture.WAIT).until(() -> true);
            assertThat(requested().get()).as("requested while the producer takes nothing")
                .isEqualTo(stalled)
                .isLessThan(100);   // a few records between the steps of the pipeline, no unbounded read-ahead
            assertThat(written().get()).isZero();

            TributaryAdmin admin = TributaryAdmin.create(AdminOptions.create(ClientOptions.create(
                BROKER.bootstrapServers())));
            admin.createTopics(List.of(NewTopic.of("endless-out", 1))).block(ConnectFixture.WAIT);
            admin.close().block(ConnectFixture.WAIT);
            // Once the producer can write, reading resumes, and stays within its buffer of what was written.
            await().atMost(ConnectFixture.WAIT).until(() -> written().get() > 10_000);
            for (int i = 0; i < 5; i++) {
                long read = requested().get();
                long sent = written().get();
                assertThat(read - sent).as("requested ahead of written").isLessThan(40_000);
            }
        } finally {
            connect.closeNow();
        }
    }

    private static AtomicLong requested() {
        return TestPlugins.REQUESTED.computeIfAbsent("endless", n -> new AtomicLong());
    }

    private static AtomicLong written() {
        return TestPlugins.WRITTEN.computeIfAbsent("endless", n -> new AtomicLong());
    }
}
