package io.tributary.benchmarks.harness;

import io.tributary.connect.jdbc.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.utils.AppInfoParser;
import org.jspecify.annotations.Nullable;

/**
 * The JDBC sink comparison: records whose keys repeat are upserted from one topic into a PostgreSQL table, once by
 * Debezium's JDBC sink connector in Kafka Connect's standalone worker ({@code benchmarks/kafka-connect}) and once by
 * Tributary's {@code JdbcSinkConnector} ({@code connect-jdbc}) in Tributary's, each worker in a child JVM with the same
 * JVM options and worker properties, against the same broker (a Tributary broker, or Apache Kafka with
 * {@code --broker kafka}) and the same throwaway PostgreSQL server, each sink into a table of its own. Reports
 * records per second from creating the connector until its table holds the final state, checks that the table
 * equals the expected one, and gives the ratio.
 *
 * <pre>{@code
 * java -cp "benchmarks/harness/target/harness.jar:benchmarks/harness/target/lib/*" \
 *     io.tributary.benchmarks.harness.JdbcSinkSideBySide [--rows 1000000] [--broker tributary|kafka]
 * }</pre>
 *
 * <p>Confluent's JDBC connector, whose configuration keys Tributary's sink takes, is not on Maven Central; Debezium's
 * is (its plugin archive, unpacked into {@code benchmarks/kafka-connect/target/plugins}, the worker's
 * {@code plugin.path}). Both sinks get the same settings under their own keys: upsert on the key's {@code id},
 * tables created from the record schema, {@code batch.size} records per JDBC batch, and {@code JsonConverter} with
 * schemas for keys and values. The workers' sink consumers hand at most {@code batch.size} records to each
 * {@code put} ({@code consumer.max.poll.records}), so a put can fill one batch.
 *
 * <p>The records ({@link UpsertRecords}) are written once, untimed, before any worker starts. Each worker first
 * upserts a warm-up topic of a tenth of the records into a table of its own, untimed.
 */
public final class JdbcSinkSideBySide {
    static final String KAFKA_CONNECT = "kafka-connect";
    static final String TRIBUTARY = "tributary";
    private static final String DATABASE = "bench";
    private static final Duration POLL = Duration.ofMillis(50);

    /** Timed figures of one sink. */
    record Run(long records, long millis, double cpuSeconds, List<String> differences, String columns,
               double peakRssMib) {
        double rate() {
            return records * 1000.0 / Math.max(1, millis);
        }

        boolean tableMatches() {
            return differences.isEmpty();
        }
    }

    /** What a run needs besides the worker: the database, the broker and the sink settings. */
    /** A throwaway PostgreSQL (connect-jdbc's test server) with the empty database the sinks write to. */
    private static PostgresServer launchPostgres() {
        PostgresServer server = PostgresServer.launch();
        try {
            server.createDatabase(DATABASE);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private record Target(PostgresServer postgres, Connection db, String bootstrap, int tasks, int batchSize,
                          Duration timeout) {
    }

    /** One topic of records and where its last records are. */
    private record Topic(String name, UpsertRecords records, Map<Integer, Integer> lastPerPartition) {
    }

    private JdbcSinkSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        int rows = 1_000_000;
        int partitions = 4;
        int tasks = 1;
        int batchSize = 3000;
        String brokerKind = TRIBUTARY;
        String only = null;
        Path output = null;
        Path rootArg = null;
        long timeoutSeconds = 600;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                case "--tasks" -> tasks = Integer.parseInt(args[++i]);
                case "--batch-size" -> batchSize = Integer.parseInt(args[++i]);
                case "--broker" -> brokerKind = args[++i];
                case "--only" -> only = args[++i];
                case "--timeout" -> timeoutSeconds = Long.parseLong(args[++i]);
                case "--output" -> output = Path.of(args[++i]);
                case "--project-root" -> rootArg = Path.of(args[++i]);
                default -> usage();
            }
        }
        if (rows < 20 || rows % 2 != 0 || partitions < 1 || tasks < 1 || batchSize < 1
            || !List.of(TRIBUTARY, "kafka").contains(brokerKind)
            || (only != null && !List.of(KAFKA_CONNECT, TRIBUTARY).contains(only))) {
            usage();
        }
        Path root = SideBySide.projectRoot(rootArg);
        Map<String, JdbcSinks.Sink> sinks = new LinkedHashMap<>();
        if (only == null || only.equals(KAFKA_CONNECT)) {
            sinks.put(KAFKA_CONNECT, JdbcSinks.debezium(root, batchSize));
        }
        if (only == null || only.equals(TRIBUTARY)) {
            sinks.put(TRIBUTARY, JdbcSinks.tributary(root, batchSize));
        }
        Path workDir = Files.createTempDirectory("jdbc-sink-side-by-side-");
        Path logDir = Files.createDirectories(workDir.resolve("logs"));
        Settings settings = new Settings(1.0, partitions, workDir, logDir, SideBySide.kafkaClasspath(),
            brokerKind.equals(TRIBUTARY) ? SideBySide.tributaryClasspath(root) : "",
            SideBySide.jvmOptions(SideBySide.BROKER_JVM_OPTIONS,
                SideBySide.writeLogback(workDir.resolve("broker-logback.xml"), "INFO")),
            SideBySide.jvmOptions(SideBySide.TOOL_JVM_OPTIONS,
                SideBySide.writeLogback(workDir.resolve("tool-logback.xml"), "WARN")));
        System.err.printf(Locale.ROOT, "JDBC sink side by side: %,d records, %,d rows, %d partitions, %d task(s), "
            + "batch.size %d; output of the child JVMs in %s%n", rows, rows / 2, partitions, tasks, batchSize, logDir);

        Map<String, @Nullable Run> runs = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Path dataDir = Files.createDirectories(workDir.resolve("broker-data"));
        try (PostgresServer postgres = launchPostgres();
             Connection db = postgres.connect(DATABASE);
             BrokerProcess broker = brokerKind.equals("kafka")
                 ? BrokerProcess.startKafka(settings, dataDir, SideBySide.freePort(), SideBySide.freePort(), notes)
                 : BrokerProcess.startTributary(settings, dataDir, SideBySide.freePort())) {
            Target target = new Target(postgres, db, broker.bootstrapServers(), tasks, batchSize,
                Duration.ofSeconds(timeoutSeconds));
            Topic warmup = fill(target.bootstrap(), "upserts-warmup", partitions, new UpsertRecords(rows / 20 * 2));
            Topic timed = fill(target.bootstrap(), "upserts", partitions, new UpsertRecords(rows));
            for (Map.Entry<String, JdbcSinks.Sink> sink : sinks.entrySet()) {
                runs.put(sink.getKey(), runWorker(settings, sink.getKey(), sink.getValue(), target, warmup, timed,
                    notes));
            }
        } finally {
            SideBySide.deleteRecursively(dataDir);
        }
        String brokerName = brokerKind.equals("kafka") ? "Apache Kafka " + AppInfoParser.getVersion() : "Tributary";
        String report = JdbcSinkReport.markdown(rows, partitions, tasks, batchSize, brokerName,
            JdbcSinks.debeziumVersion(root), runs.get(KAFKA_CONNECT), runs.get(TRIBUTARY), notes);
        System.out.println(report);
        if (output != null) {
            Files.writeString(output, report, StandardCharsets.UTF_8);
        }
        System.err.println("Logs of the child JVMs: " + logDir);
        System.exit(0);
    }

    private static void usage() {
        System.err.println("Usage: JdbcSinkSideBySide [--rows N (records, even; default 1000000)] "
            + "[--partitions P (default 4)] [--tasks T (tasks.max, default 1)] [--batch-size B (default 3000)] "
            + "[--broker tributary|kafka] [--only kafka-connect|tributary] "
            + "[--timeout SECONDS (per upsert, default 600)] [--output FILE] [--project-root DIR]");
        System.exit(2);
    }

    /** Creates {@code name} and writes {@code records} to it, untimed. */
    private static Topic fill(String bootstrap, String name, int partitions, UpsertRecords records)
            throws ExecutionException, InterruptedException, TimeoutException {
        long start = System.nanoTime();
        TopicWriter.createTopic(bootstrap, name, partitions);
        Map<Integer, Integer> last = records.write(bootstrap, name);
        System.err.printf(Locale.ROOT, "%s: %,d records written in %d ms%n", name, records.count(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return new Topic(name, records, last);
    }

    /** Starts one worker, runs the warm-up and the timed upsert, and stops the worker; null if it failed. */
    private static @Nullable Run runWorker(Settings settings, String label, JdbcSinks.Sink sink, Target target,
                                           Topic warmup, Topic timed, List<String> notes)
            throws InterruptedException {
        System.err.printf("[%s] starting the worker%n", label);
        try (ConnectWorker worker = ConnectWorker.start(label, settings, sink.classpath(), sink.mainClass(),
            target.bootstrap(), sink.workerProperties())) {
            Run warm = upsert(worker, sink, label + "-warmup", warmup, target);
            System.err.printf(Locale.ROOT, "[%s] warm-up: %,d records in %d ms%n", label, warm.records(),
                warm.millis());
            Run run = upsert(worker, sink, label, timed, target);
            System.err.printf(Locale.ROOT, "[%s] %,.0f records/s, table %s%n", label, run.rate(),
                run.tableMatches() ? "equals the expected one" : "DIFFERS: " + run.differences());
            notes.add(label + " created the table as: " + run.columns() + ".");
            run.differences().forEach(d -> notes.add(label + ": " + d));
            return run;
        } catch (IOException | SQLException | RuntimeException e) {
            System.err.printf("[%s] FAILED: %s%n", label, e);
            notes.add(label + ": failed: " + e.getMessage());
            return null;
        }
    }

    /**
     * Upserts {@code topic} into a fresh table named after the connector: creates the connector (time 0), polls until
     * the table holds the final state, then deletes the connector, compares the table with the expected one and
     * drops it, and checkpoints, so that the next upsert starts on a quiet database.
     */
    private static Run upsert(ConnectWorker worker, JdbcSinks.Sink sink, String name, Topic topic, Target target)
            throws IOException, InterruptedException, SQLException {
        UpsertTable table = new UpsertTable(target.db(), name.replace('-', '_') + "_customers", topic.records(),
            topic.lastPerPartition());
        table.drop();
        Map<String, String> config = sink.connectorConfig(target.postgres(), DATABASE, topic.name(), table.name(),
            target.tasks(), target.batchSize());
        double cpuBefore = worker.cpuSeconds();
        long start = System.nanoTime();
        worker.createConnector(name + "-sink", config);
        long deadline = start + target.timeout().toNanos();
        long end;
        while (true) {
            if (table.lastRecordsWritten()) {
                end = System.nanoTime();
                if (table.complete()) {
                    break;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": " + table.name() + " did not reach the final state within "
                    + target.timeout().toSeconds() + " s (see " + worker.logFile() + ")");
            }
            Thread.sleep(POLL.toMillis());
        }
        double cpu = worker.cpuSeconds() - cpuBefore;
        double rss = worker.peakRssMib();
        worker.deleteConnector(name + "-sink");
        List<String> differences = table.differences();
        String columns = table.columns();
        table.drop();
        try (Statement statement = target.db().createStatement()) {
            statement.execute("CHECKPOINT");
        }
        return new Run(topic.records().count(), TimeUnit.NANOSECONDS.toMillis(end - start), cpu, differences,
            columns, rss);
    }
}
