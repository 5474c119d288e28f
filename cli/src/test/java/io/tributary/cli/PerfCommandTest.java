package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testkit.BlockHoundExtension;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(BlockHoundExtension.class)
final class PerfCommandTest {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("group.initial.rebalance.delay.ms", "0")
        .topic("perf", 2)
        .topic("throttled", 1)
        .topic("perf-table", 1));

    private static String bootstrap() {
        return BROKER.bootstrapServers();
    }

    @Test
    void producesAndConsumesAndReportsThroughputAndLatency() {
        JsonNode produced = Cli.on(bootstrap(), "perf", "produce", "--topic", "perf", "--num-records", "3000",
            "--record-size", "200", "--acks", "1", "--compression", "lz4", "--output", "json").ok().json();
        assertThat(produced.get("records").asLong()).isEqualTo(3000);
        assertThat(produced.get("recordsPerSecond").asDouble()).isPositive();
        assertThat(produced.get("mbPerSecond").asDouble()).isPositive();
        JsonNode latency = produced.get("latencyMs");
        assertThat(latency.get("p50").asDouble()).isPositive().isLessThanOrEqualTo(latency.get("p95").asDouble());
        assertThat(latency.get("p95").asDouble()).isLessThanOrEqualTo(latency.get("p99").asDouble());
        assertThat(latency.get("p99").asDouble()).isLessThanOrEqualTo(latency.get("max").asDouble());

        JsonNode consumed = Cli.on(bootstrap(), "perf", "consume", "--topic", "perf", "--messages", "3000",
            "--group", "perf-readers", "--output", "json").ok().json();
        assertThat(consumed.get("records").asLong()).isEqualTo(3000);
        assertThat(consumed.get("mb").asDouble()).isEqualTo(Math.round(3000 * 200 / 1048576.0 * 100) / 100.0);
        assertThat(consumed.get("recordsPerSecond").asDouble()).isPositive();
        JsonNode group = Cli.on(bootstrap(), "groups", "describe", "--group", "perf-readers", "--output", "json")
            .ok().json();
        long committed = 0;
        for (JsonNode p : group.get("offsets")) {
            committed += p.get("currentOffset").asLong();
        }
        assertThat(committed).isEqualTo(3000);
    }

    @Test
    void printsTablesToo() {
        Cli.Result produced = Cli.on(bootstrap(), "perf", "produce", "--topic", "perf-table", "--num-records", "500",
            "--progress-interval-ms", "1").ok();
        assertThat(produced.lines().get(0)).matches("RECORDS +RECORDS/S +MB/S +AVG-MS +P50-MS +P95-MS +P99-MS +MAX-MS");
        assertThat(produced.lines().get(1)).matches("500( +[\\d.]+){7}");
        assertThat(produced.err()).contains("records sent,").contains("ms avg latency");

        Cli.Result consumed = Cli.on(bootstrap(), "perf", "consume", "--topic", "perf-table", "--messages", "500")
            .ok();
        assertThat(consumed.lines().get(0)).matches("RECORDS +MB +SECONDS +RECORDS/S +MB/S +FIRST-RECORD-MS");
        assertThat(consumed.lines().get(1)).matches("500( +[\\d.]+){5}");
    }

    @Test
    void holdsTheThroughputLimit() {
        long start = System.nanoTime();
        JsonNode produced = Cli.on(bootstrap(), "perf", "produce", "--topic", "throttled", "--num-records", "300",
            "--throughput", "500", "--output", "json").ok().json();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(550));
        assertThat(produced.get("recordsPerSecond").asDouble()).isLessThan(560);
    }

    @Test
    void consumingMoreThanThereIsFailsAfterTheTimeout() {
        Cli.on(bootstrap(), "perf", "produce", "--topic", "perf-short", "--num-records", "10").ok();

        Cli.Result shortRead = Cli.on(bootstrap(), "perf", "consume", "--topic", "perf-short", "--messages", "20",
            "--timeout-ms", "500", "--output", "json");

        assertThat(shortRead.exitCode()).isEqualTo(1);
        assertThat(shortRead.json().get("records").asLong()).isEqualTo(10);
        assertThat(shortRead.err()).isEqualTo("tributary: Read only 10 of 20 records: none came for 500 ms\n");
    }

    @Test
    void measuresEndToEndLatency() {
        JsonNode e2e = Cli.on(bootstrap(), "perf", "e2e", "--topic", "round-trips", "--num-records", "30",
            "--output", "json").ok().json();
        assertThat(e2e.get("records").asLong()).isEqualTo(30);
        assertThat(e2e.get("latencyMs").get("avg").asDouble()).isPositive();
        assertThat(e2e.get("latencyMs").get("p99").asDouble())
            .isLessThanOrEqualTo(e2e.get("latencyMs").get("max").asDouble());

        // Again on the same topic: the consumer starts at the end, after the earlier run's records.
        Cli.Result table = Cli.on(bootstrap(), "perf", "e2e", "--topic", "round-trips", "--num-records", "5",
            "--acks", "1").ok();
        assertThat(table.lines().get(0)).matches("RECORDS +AVG-MS +P50-MS +P95-MS +P99-MS +P99.9-MS +MAX-MS");
        assertThat(table.lines().get(1)).matches("5( +[\\d.]+){6}");
    }
}
