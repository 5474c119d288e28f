package io.tributary.connect.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.data.Schema;
import io.tributary.connect.sink.SinkRecord;
import io.tributary.testkit.BlockHoundExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

@ExtendWith(BlockHoundExtension.class)
final class FileStreamSinkTaskTest {
    @TempDir
    Path dir;

    private static SinkRecord record(long offset, Object value) {
        return new SinkRecord("t", 0, null, null, Schema.OPTIONAL_STRING_SCHEMA, value, offset, null, List.of());
    }

    @Test
    void appendsEachValueAsALineAndMakesItDurableOnFlush() throws IOException {
        Path file = dir.resolve("out.txt");
        Files.writeString(file, "existing\n");
        FileStreamSinkTask task = new FileStreamSinkTask();
        task.start(Map.of("file", file.toString()));
        StepVerifier.create(task.put(List.of(record(0, "a"), record(1, 42), record(2, "é".getBytes(
                StandardCharsets.UTF_8))))
                .then(task.flush(Map.of())))
            .expectComplete()
            .verify(Duration.ofSeconds(10));
        assertThat(Files.readAllLines(file)).containsExactly("existing", "a", "42", "é");
        task.stop();
    }

    @Test
    void connectorGivesEveryTaskTheFile() {
        FileStreamSinkConnector connector = new FileStreamSinkConnector();
        connector.start(Map.of("file", "/tmp/out", "topics", "t"));
        assertThat(connector.taskConfigs(2)).hasSize(2).allSatisfy(c -> assertThat(c).containsEntry("file",
            "/tmp/out"));
    }
}
