package io.tributary.broker.internal.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.TopicPartition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CheckpointsTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsInKafkasTextFormat() throws IOException {
        Path file = dir.resolve(Checkpoints.RECOVERY_POINT);
        Map<TopicPartition, Long> offsets = Map.of(new TopicPartition("b.topic", 1), 7L,
            new TopicPartition("a-topic", 10), 5L, new TopicPartition("a-topic", 2), 0L);
        Checkpoints.write(file, offsets);
        assertThat(Files.readString(file)).isEqualTo("0\n3\na-topic 2 0\na-topic 10 5\nb.topic 1 7\n");
        assertThat(Checkpoints.read(file)).isEqualTo(offsets);
        Checkpoints.write(file, Map.of());
        assertThat(Files.readString(file)).isEqualTo("0\n0\n");
        assertThat(Checkpoints.read(file)).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aMissingFileIsEmpty() throws IOException {
        assertThat(Checkpoints.read(dir.resolve("nothing"))).isEmpty();
    }

    @Test
    void rejectsMalformedFiles() throws IOException {
        Path file = dir.resolve("bad");
        for (String text : new String[] {"", "1\n0\n", "0\nx\n", "0\n2\nt 0 1\n", "0\n1\nt zero 1\n", "0\n1\nt 0\n"}) {
            Files.writeString(file, text);
            assertThatThrownBy(() -> Checkpoints.read(file))
                .as(text)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("malformed checkpoint file");
        }
    }
}
