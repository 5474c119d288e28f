package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testkit.BlockHoundExtension;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(BlockHoundExtension.class)
final class ProduceConsumeCommandTest {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .topic("keyed", 3)
        .topic("plain", 1)
        .topic("separated", 1)
        .topic("json", 1)
        .topic("big", 2)
        .topic("positioned", 2)
        .topic("grouped", 2)
        .topic("compressed", 1)
        .topic("idle", 1));

    private static String bootstrap() {
        return BROKER.bootstrapServers();
    }

    @Test
    void producesKeyedRecordsWithHeadersAndConsumesThemBack() {
        Cli.onWithInput(bootstrap(), "k1:v1\nk2:v2\nk1:v3\n", "produce", "--topic", "keyed", "--key-separator", ":",
            "--header", "source=cli", "--header", "n=1").ok();

        Cli.Result consumed = Cli.on(bootstrap(), "consume", "--topic", "keyed", "--from-beginning", "--print-key",
            "--print-headers", "--print-timestamp", "--max-messages", "3").ok();

        assertThat(consumed.lines()).hasSize(3)
            .allMatch(l -> l.matches("Timestamp:\\d+\tsource:cli,n:1\tk\\d\tv\\d"));
        assertThat(consumed.lines().stream().map(l -> l.substring(l.lastIndexOf("\tk") + 1)))
            .containsExactlyInAnyOrder("k1\tv1", "k2\tv2", "k1\tv3");
        // The same key goes to the same partition, in order: v1 before v3.
        String keyK1 = consumed.lines().stream().filter(l -> l.contains("\tk1\t"))
            .map(l -> l.substring(l.length() - 2)).collect(Collectors.joining(","));
        assertThat(keyK1).isEqualTo("v1,v3");
        assertThat(consumed.err()).contains("Processed a total of 3 messages");
    }

    @Test
    void consumesWithTheKeySeparatorOfProduce() {
        Cli.onWithInput(bootstrap(), "a=1\n", "produce", "--topic", "plain", "--key-separator", "=").ok();
        Cli.onWithInput(bootstrap(), "no key here\n", "produce", "--topic", "plain").ok();

        Cli.Result consumed = Cli.on(bootstrap(), "consume", "--topic", "plain", "--from-beginning", "--print-key",
            "--key-separator", "=", "--max-messages", "2").ok();

        assertThat(consumed.lines()).containsExactly("a=1", "null=no key here");
    }

    @Test
    void producesJsonSummaryAndConsumesRecordsAsJsonLines() {
        JsonNode summary = Cli.onWithInput(bootstrap(), "k:hello\nk:world\n", "produce", "--topic", "json",
            "--key-separator", ":", "--header", "h=x", "--output", "json").ok().json();
        assertThat(summary.get("records").asLong()).isEqualTo(2);
        assertThat(summary.get("partitions").get(0).get("firstOffset").asLong()).isZero();
        assertThat(summary.get("partitions").get(0).get("lastOffset").asLong()).isEqualTo(1);

        Cli.Result consumed = Cli.on(bootstrap(), "consume", "--topic", "json", "--from-beginning", "--format",
            "json", "--max-messages", "2").ok();

        assertThat(consumed.lines()).hasSize(2);
        JsonNode first = new Cli.Result(0, consumed.lines().get(0), "").json();
        assertThat(first.get("topic").asText()).isEqualTo("json");
        assertThat(first.get("partition").asInt()).isZero();
        assertThat(first.get("offset").asLong()).isZero();
        assertThat(first.get("key").asText()).isEqualTo("k");
        assertThat(first.get("value").asText()).isEqualTo("hello");
        assertThat(first.get("timestamp").asLong()).isPositive();
        assertThat(first.get("headers").get(0).get("key").asText()).isEqualTo("h");
        assertThat(first.get("headers").get(0).get("value").asText()).isEqualTo("x");
    }

    @Test
    void producesALargeFileWithProgressOnStderr(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("records.txt");
        String value = "x".repeat(200);
        Files.write(file, IntStream.range(0, 6000).mapToObj(i -> i + ":" + value).toList(), StandardCharsets.UTF_8);

        Cli.Result produced = Cli.on(bootstrap(), "produce", "--topic", "big", "--file", file.toString(),
            "--key-separator", ":", "--progress-interval-ms", "1", "--output", "json").ok();

        assertThat(produced.json().get("records").asLong()).isEqualTo(6000);
        assertThat(produced.err()).contains("Produced 6000 records to big.")
            .containsPattern("Produced \\d+ records, read [\\d.]+ of 1\\.2 MB \\(\\d+%\\)");
        Cli.Result perf = Cli.on(bootstrap(), "perf", "consume", "--topic", "big", "--messages", "6000",
            "--output", "json").ok();
        assertThat(perf.json().get("records").asLong()).isEqualTo(6000);
    }

    @Test
    void aLineWithoutTheKeySeparatorFailsNamingTheLine() {
        Cli.Result failed = Cli.onWithInput(bootstrap(), "k:v\nnot keyed\n", "produce", "--topic", "separated",
            "--key-separator", ":");

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).isEqualTo("tributary: No key separator ':' on line 2 of stdin\n");
    }

    @Test
    void readsOnePartitionFromAnOffset() {
        Cli.onWithInput(bootstrap(), "a\nb\nc\nd\n", "produce", "--topic", "positioned", "--partition", "1").ok();

        Cli.Result fromTwo = Cli.on(bootstrap(), "consume", "--topic", "positioned", "--partition", "1", "--offset",
            "2", "--max-messages", "2").ok();
        assertThat(fromTwo.lines()).containsExactly("c", "d");

        Cli.Result earliest = Cli.on(bootstrap(), "consume", "--topic", "positioned", "--partition", "1",
            "--offset", "earliest", "--max-messages", "1").ok();
        assertThat(earliest.lines()).containsExactly("a");

        Cli.Result other = Cli.on(bootstrap(), "consume", "--topic", "positioned", "--partition", "0",
            "--from-beginning", "--timeout-ms", "300").ok();
        assertThat(other.out()).isEmpty();
        assertThat(other.err()).contains("Processed a total of 0 messages");
    }

    @Test
    void offsetWithoutPartitionIsAUsageError() {
        Cli.Result usage = Cli.on(bootstrap(), "consume", "--topic", "positioned", "--offset", "2");

        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("--offset needs --partition");
    }

    @Test
    void consumingAsAGroupCommitsWhatWasPrinted() {
        Cli.onWithInput(bootstrap(), "1\n2\n3\n4\n5\n", "produce", "--topic", "grouped").ok();

        Cli.on(bootstrap(), "consume", "--topic", "grouped", "--group", "printers", "--from-beginning",
            "--max-messages", "5").ok();

        JsonNode group = Cli.on(bootstrap(), "groups", "describe", "--group", "printers", "--output", "json").ok()
            .json();
        assertThat(group.get("state").asText()).isEqualTo("Empty");
        long committed = 0;
        for (JsonNode p : group.get("offsets")) {
            assertThat(p.get("lag").asLong()).isZero();
            committed += p.get("currentOffset").asLong();
        }
        assertThat(committed).isEqualTo(5);

        // A second run of the group starts after what it committed: nothing is left.
        Cli.Result again = Cli.on(bootstrap(), "consume", "--topic", "grouped", "--group", "printers",
            "--from-beginning", "--timeout-ms", "500").ok();
        assertThat(again.out()).isEmpty();
    }

    @Test
    void producesWithCompressionAndAcks() {
        Cli.onWithInput(bootstrap(), "zipped\n", "produce", "--topic", "compressed", "--compression", "gzip",
            "--acks", "1").ok();
        Cli.onWithInput(bootstrap(), "lz4\n", "produce", "--topic", "compressed", "--compression", "lz4",
            "--acks", "all").ok();

        assertThat(Cli.on(bootstrap(), "consume", "--topic", "compressed", "--from-beginning", "--max-messages",
            "2").ok().lines()).containsExactly("zipped", "lz4");
        Cli.Result badAcks = Cli.onWithInput(bootstrap(), "x\n", "produce", "--topic", "compressed", "--acks", "2");
        assertThat(badAcks.exitCode()).isEqualTo(2);
        assertThat(badAcks.err()).contains("'2' is not 0, 1 or all");
    }

    @Test
    void consumeExitsAfterTheIdleTimeoutAndOnStop() throws Exception {
        long start = System.nanoTime();
        Cli.Result idle = Cli.on(bootstrap(), "consume", "--topic", "idle", "--timeout-ms", "400").ok();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400),
            Duration.ofSeconds(10));
        assertThat(idle.out()).isEmpty();

        Cli.Running running = Cli.start("consume", "--topic", "idle", "--bootstrap-server", bootstrap());
        Thread.sleep(500);
        Cli.onWithInput(bootstrap(), "late\n", "produce", "--topic", "idle").ok();
        running.awaitOutput("late", Duration.ofSeconds(10));
        Cli.Result stopped = running.stop();
        assertThat(stopped.exitCode()).isZero();
        assertThat(stopped.lines()).containsExactly("late");
    }

    @Test
    void consumingAnUnknownTopicFails() {
        Cli.Result unknown = Cli.on(bootstrap(), "consume", "--topic", "missing-topic", "--timeout-ms", "100");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("tributary: UNKNOWN_TOPIC_OR_PARTITION").contains("missing-topic");
    }

    @Test
    void producingFromAMissingFileFails() {
        Cli.Result missing = Cli.on(bootstrap(), "produce", "--topic", "plain", "--file", "no/such/file.txt");

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("tributary: No such file: no/such/file.txt\n");
    }
}
