package io.tributary.benchmarks.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a run needs to know: the scale and the record counts derived from it, where the classpaths and the
 * working files are, and the JVM options every broker and every tool gets (the same for Kafka and Tributary).
 *
 * @param scale multiplies every record count (1.0 is the full run)
 * @param partitions partitions of each benchmark topic
 * @param workDir temporary directory for configuration, data and logs
 * @param logDir where the child processes' output goes (kept after the run)
 * @param kafkaClasspath classpath of the Kafka broker and the perf tools (the harness's {@code lib/})
 * @param tributaryClasspath classpath of Tributary's {@code BrokerMain} ({@code broker/target})
 * @param brokerJvmOptions JVM options of both brokers
 * @param toolJvmOptions JVM options of every perf tool run
 */
record Settings(double scale, int partitions, Path workDir, Path logDir, String kafkaClasspath,
        String tributaryClasspath, List<String> brokerJvmOptions, List<String> toolJvmOptions) {

    /** Records of workload (a), also read back by the consumer (c). */
    int smallRecords() {
        return scaled(2_000_000);
    }

    /** Records of workload (b). */
    int largeRecords() {
        return scaled(500_000);
    }

    /** Round trips of workload (d). */
    int latencyRecords() {
        return scaled(10_000);
    }

    /** The longest a single tool run may take before it is stopped and marked as timed out. */
    Duration toolTimeout() {
        return Duration.ofSeconds(120 + Math.round(480 * Math.min(scale, 4.0)));
    }

    /** Records the transactional producer sends, in transactions of 1,000. */
    int transactionalRecords() {
        return scaled(200_000);
    }

    private int scaled(int full) {
        return (int) Math.max(1, Math.round(full * scale));
    }
}
