package io.tributary.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.testkit.BlockHoundExtension;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The file connectors end to end in a standalone worker, across a restart of the worker. */
@ExtendWith(BlockHoundExtension.class)
final class FileRoundTripTest {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("group.initial.rebalance.delay.ms", "0")
        .topic("lines", 1));

    @TempDir
    Path dir;

    @Test
    void copiesEveryLineExactlyOnceInOrderAcrossAWorkerRestart() throws IOException {
        Path input = dir.resolve("input.txt");
        Path output = dir.resolve("output.txt");
        append(input, 0, 5_000);
        Map<String, String> worker = ConnectFixture.workerProps(BROKER.bootstrapServers(), dir);
        Map<String, String> source = Map.of("name", "file-source", "connector.class", "FileStreamSource",
            "file", input.toString(), "topic", "lines", "batch.size", "100");
        Map<String, String> sink = Map.of("name", "file-sink",
            "connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector",
            "file", output.toString(), "topics", "lines");

        ConnectStandalone first = ConnectStandalone.startNow(worker);
        first.createConnector(source).block(ConnectFixture.WAIT);
        first.createConnector(sink).block(ConnectFixture.WAIT);
        ConnectFixture.awaitStates(first, "file-sink", ConnectorStatus.Value.RUNNING, ConnectorStatus.Value.RUNNING);
        await().atMost(ConnectFixture.WAIT).until(() -> lines(output).size() >= 1_000);
        first.closeNow();   // mid-way: the source may still be reading, the sink still writing

        append(input, 5_000, 10_000);
        ConnectStandalone second = ConnectStandalone.startNow(worker);
        try {
            second.createConnector(source).block(ConnectFixture.WAIT);
            second.createConnector(sink).block(ConnectFixture.WAIT);
            await().atMost(ConnectFixture.WAIT).until(() -> lines(output).size() >= 10_000);
            Thread.sleep(500);   // anything duplicated would show up by now
            List<String> expected = IntStream.range(0, 10_000).mapToObj(i -> "line-" + i).toList();
            List<String> actual = lines(output);
            assertThat(ConnectFixture.endOffset(BROKER.bootstrapServers(), "lines")).as("records in the topic")
                .isEqualTo(10_000L);
            assertThat(actual.equals(expected)).as(difference(expected, actual)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            second.closeNow();
        }
    }

    /** Where two long lists of lines part, in a few words. */
    private static String difference(List<String> expected, List<String> actual) {
        int i = 0;
        while (i < Math.min(expected.size(), actual.size()) && expected.get(i).equals(actual.get(i))) {
            i++;
        }
        return "expected " + expected.size() + " lines, got " + actual.size() + "; first difference at line " + i
            + ": expected " + expected.subList(i, Math.min(i + 3, expected.size())) + ", got "
            + actual.subList(i, Math.min(i + 3, actual.size())) + " ("
            + (actual.size() - actual.stream().distinct().count()) + " duplicates)";
    }

    private static void append(Path file, int from, int to) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < to; i++) {
            lines.add("line-" + i);
        }
        Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<String> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String content = Files.readString(file, StandardCharsets.UTF_8);
        if (content.isEmpty()) {
            return List.of();
        }
        // Only complete lines: the sink may be in the middle of one.
        int end = content.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(content.substring(0, end).split("\n", -1));
    }
}
