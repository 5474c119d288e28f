package io.tributary.connect.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.data.Schema;
import io.tributary.connect.source.OffsetStorageReader;
import io.tributary.connect.source.SourceRecord;
import io.tributary.connect.source.SourceTaskContext;
import io.tributary.testkit.BlockHoundExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

@ExtendWith(BlockHoundExtension.class)
final class FileStreamSourceTaskTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private FileStreamSourceTask task(Path file, @Nullable Map<String, Object> committed) {
        FileStreamSourceTask task = new FileStreamSourceTask();
        Map<String, String> config = Map.of("file", file.toString(), "topic", "lines", "batch.size", "2");
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return config;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new OffsetStorageReader() {
                    @Override
                    public @Nullable Map<String, Object> offset(Map<String, ?> partition) {
                        return partition.equals(Map.of("filename", file.toString())) ? committed : null;
                    }

                    @Override
                    public Map<Map<String, ?>, Map<String, Object>> offsets(
                        Collection<? extends Map<String, ?>> partitions) {
                        return new HashMap<>();
                    }
                };
            }
        });
        task.start(config);
        return task;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void emitsLinesWithTheBytePositionAfterEachAsOffset() throws IOException {
        Path file = dir.resolve("in.txt");
        write(file, "a\nbé\r\nc\n");
        StepVerifier.create(task(file, null).records().take(3))
            .assertNext(r -> {
                assertThat(r.value()).isEqualTo("a");
                assertThat(r.valueSchema()).isEqualTo(Schema.STRING_SCHEMA);
                assertThat(r.topic()).isEqualTo("lines");
                assertThat(r.sourcePartition()).isEqualTo(Map.of("filename", file.toString()));
                assertThat(r.sourceOffset()).isEqualTo(Map.of("position", 2L));
            })
            .assertNext(r -> {
                assertThat(r.value()).isEqualTo("bé");
                assertThat(r.sourceOffset()).isEqualTo(Map.of("position", 7L));   // é is two bytes, \r\n two more
            })
            .assertNext(r -> assertThat(r.sourceOffset()).isEqualTo(Map.of("position", 9L)))
            .expectComplete()
            .verify(WAIT);
    }

    @Test
    void resumesAfterTheCommittedPositionWithoutRepeatingALine() throws IOException {
        Path file = dir.resolve("in.txt");
        write(file, "one\ntwo\nthree\n");
        StepVerifier.create(task(file, Map.of("position", 4)).records().map(SourceRecord::value).take(2))
            .expectNext("two", "three")
            .expectComplete()
            .verify(WAIT);
    }

    @Test
    void followsTheFileAsItGrowsAndWaitsForHalfWrittenLines() throws IOException {
        Path file = dir.resolve("in.txt");
        write(file, "first\nsec");
        StepVerifier.create(task(file, null).records().map(SourceRecord::value).take(3))
            .expectNext("first")
            .expectNoEvent(Duration.ofMillis(300))   // "sec" has no newline yet
            .then(() -> append(file, "ond\nthird\n"))
            .expectNext("second", "third")
            .expectComplete()
            .verify(WAIT);
    }

    @Test
    void waitsForAFileThatDoesNotExistYet() {
        Path file = dir.resolve("later.txt");
        StepVerifier.create(task(file, null).records().map(SourceRecord::value).take(1))
            .expectSubscription()
            .expectNoEvent(Duration.ofMillis(200))
            .then(() -> append(file, "hello\n"))
            .expectNext("hello")
            .expectComplete()
            .verify(WAIT);
    }

    @Test
    void readsNoFurtherThanRequested() throws IOException {
        Path file = dir.resolve("in.txt");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            lines.append("line-").append(i).append('\n');
        }
        write(file, lines.toString());
        AtomicLong emitted = new AtomicLong();
        StepVerifier.create(task(file, null).records().doOnNext(r -> emitted.incrementAndGet()), 0)
            .expectSubscription()
            .thenRequest(5)
            .expectNextCount(5)
            .expectNoEvent(Duration.ofMillis(300))
            .thenRequest(3)
            .expectNextCount(3)
            .expectNoEvent(Duration.ofMillis(100))
            .thenCancel()
            .verify(WAIT);
        assertThat(emitted).hasValue(8);
    }

    private static void append(Path file, String text) {
        try {
            write(file, text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void connectorRunsOneTaskAndRejectsSeveralTopics() {
        FileStreamSourceConnector connector = new FileStreamSourceConnector();
        connector.start(Map.of("file", "/tmp/x", "topic", "t"));
        assertThat(connector.taskConfigs(3)).hasSize(1);
        assertThat(connector.validate(Map.of("topic", "a,b")))
            .filteredOn(v -> v.name().equals("topic"))
            .singleElement()
            .satisfies(v -> assertThat(v.errors()).singleElement().asString().contains("single topic"));
        assertThat(List.of(connector.version())).doesNotContainNull();
    }
}
