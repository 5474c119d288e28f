package io.tributary.connect.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.BlockHoundExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(BlockHoundExtension.class)
final class FileOffsetStoreTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void keepsOffsetsByConnectorAndPartitionAcrossRestarts() throws IOException {
        Path file = dir.resolve("offsets.json");
        FileOffsetStore store = new FileOffsetStore(file);
        store.start().block(WAIT);
        store.write("a", Map.of(Map.of("file", "x"), Map.of("position", 10L))).block(WAIT);
        store.write("a", Map.of(Map.of("file", "y", "n", 1L), Map.of("position", 5L))).block(WAIT);
        store.write("b", Map.of(Map.of("file", "x"), Map.of("position", 99L))).block(WAIT);
        assertThat(store.offset("a", Map.of("file", "x"))).isEqualTo(Map.of("position", 10L));
        store.stop().block(WAIT);
        assertThat(Files.readString(file)).contains("\"connectors\"");
        assertThat(dir.resolve("offsets.json.tmp")).doesNotExist();   // renamed over the file

        FileOffsetStore reopened = new FileOffsetStore(file);
        reopened.start().block(WAIT);
        // A partition with a number matches whatever Java type the number has after reading JSON back.
        assertThat(reopened.offset("a", Map.of("file", "y", "n", 1))).containsEntry("position", 5);
        assertThat(reopened.offsets("a")).hasSize(2);
        assertThat(reopened.offset("b", Map.of("file", "x"))).containsEntry("position", 99);
        reopened.stop().block(WAIT);
    }

    @Test
    void removesOffsetsOfOnePartitionOrAWholeConnector() {
        FileOffsetStore store = new FileOffsetStore(dir.resolve("offsets.json"));
        store.start().block(WAIT);
        store.write("a", Map.of(Map.of("p", 1), Map.of("o", 1), Map.of("p", 2), Map.of("o", 2))).block(WAIT);
        Map<Map<String, ?>, Map<String, ?>> removal = new HashMap<>();
        removal.put(Map.of("p", 1), null);
        store.write("a", removal).block(WAIT);
        assertThat(store.offsets("a")).containsOnlyKeys(Map.of("p", 2));
        store.remove("a").block(WAIT);
        assertThat(store.offsets("a")).isEmpty();
        store.stop().block(WAIT);
    }
}
