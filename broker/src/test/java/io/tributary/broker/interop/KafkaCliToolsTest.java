package io.tributary.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.tools.ConsoleProducer;
import org.apache.kafka.tools.DumpLogSegments;
import org.apache.kafka.tools.GetOffsetShell;
import org.apache.kafka.tools.TopicCommand;
import org.apache.kafka.tools.consumer.ConsoleConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Apache Kafka's own command-line tools ({@code kafka-topics}, {@code kafka-console-producer},
 * {@code kafka-console-consumer}, {@code kafka-get-offsets}, {@code kafka-dump-log}) run in-process against the
 * embedded broker, replaying the CLI walkthrough of the study notes and checking what the tools print.
 */
final class KafkaCliToolsTest {
    private static final int PARTITIONS = 3;

    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.create().start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void topicCommandCreatesListsDescribesAltersAndDeletesATopic() {
        KafkaTool.Run created = topics("--create", "--topic", "walk", "--partitions", "3", "--replication-factor", "1");
        assertThat(created.status()).as("%s", created).isZero();
        assertThat(created.out()).contains("Created topic walk.");
        KafkaTool.Run again = topics("--create", "--topic", "walk", "--partitions", "1");
        assertThat(again.status()).as("%s", again).isEqualTo(1);
        assertThat(again.out()).contains("Topic 'walk' already exists.");

        KafkaTool.Run listed = topics("--list");
        assertThat(listed.outLines()).as("%s", listed).contains("walk");

        assertDescription(topics("--describe", "--topic", "walk"), "walk", 3);

        KafkaTool.Run altered = topics("--alter", "--topic", "walk", "--partitions", "5");
        assertThat(altered.status()).as("%s", altered).isZero();
        assertDescription(topics("--describe", "--topic", "walk"), "walk", 5);
        KafkaTool.Run shrunk = topics("--alter", "--topic", "walk", "--partitions", "2");
        assertThat(shrunk.status()).as("%s", shrunk).isEqualTo(1);
        assertThat(shrunk.out()).contains("InvalidPartitionsException");
        assertDescription(topics("--describe", "--topic", "walk"), "walk", 5);

        KafkaTool.Run deleted = topics("--delete", "--topic", "walk");
        assertThat(deleted.status()).as("%s", deleted).isZero();
        assertThat(topics("--list").outLines()).doesNotContain("walk");
        KafkaTool.Run gone = topics("--describe", "--topic", "walk");
        assertThat(gone.status()).isEqualTo(1);
        assertThat(gone.out()).contains("Topic 'walk' does not exist as expected");
    }

    @Test
    void consoleProducerParsesKeysAndConsoleConsumerPrintsThemBack() {
        List<String> lines = keyedLines(12);
        createTopic("console");
        produce("console", lines);

        // As in the walkthrough: the consumer subscribes through a group, so the broker's coordinator assigns
        KafkaTool.Run consumed = KafkaTool.run(ConsoleConsumer::main, "--bootstrap-server",
            broker.bootstrapServers(), "--topic", "console", "--group", "walkthrough", "--from-beginning",
            "--property", "print.key=true", "--max-messages", Integer.toString(lines.size()), "--timeout-ms", "20000");
        assertThat(consumed.status()).as("%s", consumed).isZero();
        assertThat(consumed.err()).contains("Processed a total of " + lines.size() + " messages");
        List<String> printed = printedRecords(consumed);
        assertThat(printed).containsExactlyInAnyOrderElementsOf(tabbed(lines));
        for (int p = 0; p < PARTITIONS; p++) {
            List<String> expected = tabbed(linesIn(lines, p));
            assertThat(printed.stream().filter(expected::contains).toList()).as("partition %s", p)
                .containsExactlyElementsOf(expected);
        }

        // The group committed its position: a second run in the same group has nothing left to print
        KafkaTool.Run again = KafkaTool.run(ConsoleConsumer::main, "--bootstrap-server",
            broker.bootstrapServers(), "--topic", "console", "--group", "walkthrough",
            "--property", "print.key=true", "--timeout-ms", "3000");
        assertThat(printedRecords(again)).as("%s", again).isEmpty();
        assertThat(again.err()).contains("Processed a total of 0 messages");
    }

    private static List<String> tabbed(List<String> lines) {
        return lines.stream()
            .map(l -> l.replace(':', '\t'))
            .toList();
    }

    @Test
    void getOffsetShellPrintsTheLatestAndEarliestOffsetOfEveryPartition() {
        List<String> lines = keyedLines(20);
        createTopic("offsets");
        produce("offsets", lines);

        KafkaTool.Run latest = KafkaTool.run(GetOffsetShell::main, "--bootstrap-server", broker.bootstrapServers(),
            "--topic", "offsets");
        assertThat(latest.status()).as("%s", latest).isZero();
        assertThat(latest.outLines()).containsExactly(IntStream.range(0, PARTITIONS)
            .mapToObj(p -> "offsets:" + p + ":" + linesIn(lines, p).size())
            .toArray(String[]::new));

        KafkaTool.Run earliest = KafkaTool.run(GetOffsetShell::main, "--bootstrap-server", broker.bootstrapServers(),
            "--topic", "offsets", "--time", "-2");
        assertThat(earliest.status()).as("%s", earliest).isZero();
        assertThat(earliest.outLines()).containsExactly("offsets:0:0", "offsets:1:0", "offsets:2:0");
    }

    @Test
    void dumpLogSegmentsReadsTheBrokersSegmentAndIndexFiles() {
        KafkaTool.Run created = topics("--create", "--topic", "dumped", "--partitions", "3",
            "--replication-factor", "1", "--config", "index.interval.bytes=1");
        assertThat(created.status()).as("%s", created).isZero();
        produce("dumped", keyedLines(10));
        produce("dumped", keyedLines(10));
        int partition = Utils.toPositive(Utils.murmur2("key-0".getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
        Path dir = broker.logDir().resolve("dumped-" + partition);
        Path log = dir.resolve("00000000000000000000.log");
        Path index = dir.resolve("00000000000000000000.index");
        Path timeIndex = dir.resolve("00000000000000000000.timeindex");
        assertThat(log).exists();

        KafkaTool.Run dumped = KafkaTool.run(DumpLogSegments::main, "--files",
            log + "," + index + "," + timeIndex, "--print-data-log");
        assertThat(dumped.status()).as("%s", dumped).isZero();
        assertThat(dumped.err()).isEmpty();
        List<String> out = dumped.outLines();
        assertThat(out).contains("Dumping " + log, "Log starting offset: 0", "Dumping " + index,
            "Dumping " + timeIndex);

        // Two produce runs, each one batch per partition: batches [0, n-1] and [n, 2n-1], CRCs valid.
        List<String> keys = linesIn(keyedLines(10), partition).stream()
            .map(l -> l.substring(0, l.indexOf(':')))
            .toList();
        int n = keys.size();
        List<String> batches = out.stream()
            .filter(l -> l.startsWith("baseOffset: "))
            .toList();
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).startsWith("baseOffset: 0 lastOffset: " + (n - 1) + " count: " + n + " ")
            .contains(" position: 0 ", " magic: 2 ", " compresscodec: none ", " isvalid: true");
        assertThat(batches.get(1)).startsWith("baseOffset: " + n + " lastOffset: " + (2 * n - 1) + " count: " + n)
            .contains(" isvalid: true");
        String secondPosition = field(batches.get(1), "position");

        List<String> records = out.stream()
            .filter(l -> l.startsWith("| offset: "))
            .map(l -> field(l, "offset") + " " + field(l, "key") + " " + field(l, "payload"))
            .toList();
        assertThat(records).containsExactlyElementsOf(IntStream.range(0, 2 * n)
            .mapToObj(i -> i + " " + keys.get(i % n) + " " + keys.get(i % n).replace("key", "value"))
            .toList());

        // index.interval.bytes=1: like Kafka, one entry per batch after the first, at the batch's last offset.
        assertThat(out).contains("offset: " + (2 * n - 1) + " position: " + secondPosition);
        assertThat(out).anyMatch(l -> l.matches("timestamp: \\d+ offset: " + (2 * n - 1)));
        assertThat(dumped.out()).doesNotContainIgnoringCase("mismatch")
            .doesNotContainIgnoringCase("out of order")
            .doesNotContainIgnoringCase("non-consecutive")
            .doesNotContainIgnoringCase("corrupt");
    }

    private static void assertDescription(KafkaTool.Run described, String topic, int partitions) {
        assertThat(described.status()).as("%s", described).isZero();
        List<String> out = described.outLines();
        int node = broker.config().nodeId();
        assertThat(out.get(0)).contains("Topic: " + topic, "PartitionCount: " + partitions, "ReplicationFactor: 1");
        assertThat(out.subList(1, out.size())).hasSize(partitions);
        for (int p = 0; p < partitions; p++) {
            assertThat(out.get(1 + p)).contains("Topic: " + topic, "Partition: " + p, "Leader: " + node,
                "Replicas: " + node, "Isr: " + node);
        }
    }

    private static KafkaTool.Run topics(String... args) {
        return KafkaTool.runAgainst(broker.bootstrapServers(), TopicCommand::main, args);
    }

    private static void createTopic(String topic) {
        KafkaTool.Run created = topics("--create", "--topic", topic, "--partitions", Integer.toString(PARTITIONS),
            "--replication-factor", "1");
        assertThat(created.status()).as("%s", created).isZero();
    }

    /** The walkthrough's producer: default settings (idempotent, acks=all), keys parsed before ':'. */
    private static void produce(String topic, List<String> lines) {
        KafkaTool.Run produced = KafkaTool.runWithInput(ConsoleProducer::main, String.join("\n", lines) + "\n",
            "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
            "--property", "parse.key=true", "--property", "key.separator=:");
        assertThat(produced.status()).as("%s", produced).isZero();
        assertThat(produced.out() + produced.err()).as("%s", produced).doesNotContain("ERROR", "Exception");
    }

    /** The records a console consumer printed ("key\tvalue"), without the tool's warnings. */
    private static List<String> printedRecords(KafkaTool.Run consumed) {
        return consumed.outLines().stream()
            .filter(l -> l.startsWith("key-"))
            .toList();
    }

    /** The value after {@code name + ": "} in a line of {@code kafka-dump-log} output. */
    private static String field(String line, String name) {
        Matcher m = Pattern.compile("(?:^|[ |] *)" + name + ": (\\S+)").matcher(line);
        assertThat(m.find()).as("%s in %s", name, line).isTrue();
        return m.group(1);
    }

    private static List<String> keyedLines(int count) {
        return IntStream.range(0, count)
            .mapToObj(i -> "key-" + i + ":value-" + i)
            .toList();
    }

    /** The lines whose key the default partitioner (murmur2) puts in {@code partition}, in order. */
    private static List<String> linesIn(List<String> lines, int partition) {
        return lines.stream()
            .filter(l -> {
                byte[] key = l.substring(0, l.indexOf(':')).getBytes(StandardCharsets.UTF_8);
                return Utils.toPositive(Utils.murmur2(key)) % PARTITIONS == partition;
            })
            .toList();
    }
}
