package io.tributary.benchmarks.harness;

/**
 * One row of the side-by-side table: its label, whether a higher value is better and how many decimals to show.
 */
enum Metric {
    PRODUCE_SMALL_RATE("producer 100 B acks=1: records/s", true, 0),
    PRODUCE_SMALL_MB("producer 100 B acks=1: MB/s", true, 2),
    PRODUCE_SMALL_AVG("producer 100 B acks=1: avg latency ms", false, 1),
    PRODUCE_SMALL_P99("producer 100 B acks=1: p99 latency ms", false, 0),
    PRODUCE_LARGE_RATE("producer 1 KiB acks=all: records/s", true, 0),
    PRODUCE_LARGE_MB("producer 1 KiB acks=all: MB/s", true, 2),
    PRODUCE_LARGE_AVG("producer 1 KiB acks=all: avg latency ms", false, 1),
    PRODUCE_LARGE_P99("producer 1 KiB acks=all: p99 latency ms", false, 0),
    CONSUME_RATE("consumer (fetch phase): records/s", true, 0),
    CONSUME_MB("consumer (fetch phase): MB/s", true, 2),
    CONSUME_JOIN("consumer group join (rebalance.time.ms)", false, 0),
    GROUP_JOIN_CLASSIC("10 consumers join a group (classic, range): ms to all assigned", false, 0),
    GROUP_JOIN_CONSUMER("10 consumers join a group (group.protocol=consumer): ms to all assigned", false, 0),
    TXN_PRODUCE_RATE("transactional producer 100 B, 1,000 records per transaction: records/s", true, 0),
    E2E_AVG("end-to-end 100 B acks=1: avg ms", false, 3),
    E2E_P50("end-to-end 100 B acks=1: p50 ms (whole ms)", false, 0),
    E2E_P99("end-to-end 100 B acks=1: p99 ms (whole ms)", false, 0),
    START_PORT("broker start-up: process to port open, ms", false, 0),
    START_READY("broker start-up: process to first ApiVersions answer, ms", false, 0),
    PEAK_RSS("broker peak RSS (VmHWM), MiB", false, 0),
    EMBEDDED_FIRST("embedded start, first in JVM (EmbeddedBroker.create().start()), ms", false, 0),
    EMBEDDED_SECOND("embedded start, second in JVM, ms", false, 0);

    private final String label;
    private final boolean higherIsBetter;
    private final int decimals;

    Metric(String label, boolean higherIsBetter, int decimals) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
        this.decimals = decimals;
    }

    String label() {
        return label;
    }

    boolean higherIsBetter() {
        return higherIsBetter;
    }

    int decimals() {
        return decimals;
    }
}
