package io.tributary.connect.internal.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.admin.AdminOptions;
import io.tributary.admin.NewTopic;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class TopicOffsetStoreTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create();

    private final ClientOptions client = ClientOptions.create(BROKER.bootstrapServers());
    private final TributaryAdmin admin = TributaryAdmin.create(AdminOptions.create(client));
    private final NewTopic topic = NewTopic.of("offsets-" + UUID.randomUUID(), 3);

    @AfterEach
    void close() {
        admin.close().block(WAIT);
    }

    private TopicOffsetStore started() {
        TopicOffsetStore store = new TopicOffsetStore(client, admin, topic, false);
        store.start().block(WAIT);
        return store;
    }

    @Test
    void workersShareOffsetsThroughTheTopicAndARestartedWorkerReadsThemBack() {
        TopicOffsetStore one = started();
        TopicOffsetStore two = started();
        Map<String, Object> file = Map.of("filename", "/data/in.txt");
        one.write("files", Map.of(file, Map.of("position", 42))).block(WAIT);
        // Seen at once by the writer, and by the other worker once it has read the topic to its end.
        assertThat(one.offset("files", file)).isEqualTo(Map.of("position", 42));
        two.readToEnd().block(WAIT);
        assertThat(two.offset("files", Map.of("filename", "/data/in.txt"))).isEqualTo(Map.of("position", 42));

        // Numbers of other Java types name the same partition.
        one.write("files", Map.of(Map.of("id", 7), Map.of("position", 1))).block(WAIT);
        one.write("files", Map.of(Map.of("id", 7L), Map.of("position", 2))).block(WAIT);
        assertThat(one.offsets("files")).hasSize(2);

        Map<Map<String, ?>, Map<String, ?>> removal = new HashMap<>();
        removal.put(file, null);
        one.write("files", removal).block(WAIT);
        one.stop().block(WAIT);
        two.stop().block(WAIT);

        TopicOffsetStore restarted = started();
        assertThat(restarted.offset("files", file)).isNull();
        assertThat(restarted.offset("files", Map.of("id", 7))).isEqualTo(Map.of("position", 2));
        restarted.remove("files").block(WAIT);
        assertThat(restarted.offsets("files")).isEmpty();
        restarted.stop().block(WAIT);
        assertThat(started().offsets("files")).isEmpty();
    }
}
