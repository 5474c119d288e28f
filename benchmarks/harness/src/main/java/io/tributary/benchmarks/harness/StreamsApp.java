package io.tributary.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One streams application under test ({@code KafkaStreamsApp} or {@code TributaryStreamsApp} of
 * {@code benchmarks/streams}) in a child JVM, driven through files: it appends events to {@code <signals>/events}
 * and waits for signal files the harness moves into {@code <signals>} (see the applications' {@code Signals}).
 *
 * <p>Owned by {@link StreamsSideBySide}; not thread-safe.
 */
final class StreamsApp implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(5);
    private static final Duration EXIT_GRACE = Duration.ofSeconds(90);

    private final ChildJvm jvm;
    private final Path signals;

    private StreamsApp(ChildJvm jvm, Path signals) {
        this.jvm = jvm;
        this.signals = signals;
    }

    /** Starts {@code mainClass} with {@code args} (which name {@code signals}, an existing empty directory). */
    static StreamsApp start(String name, List<String> jvmOptions, String classpath, String mainClass,
                            List<String> args, Path workDir, Path signals, Path log) {
        return new StreamsApp(ChildJvm.start(name, jvmOptions, classpath, mainClass, args, workDir, log), signals);
    }

    String name() {
        return jvm.name();
    }

    /**
     * Waits for the first event line that is {@code kind} or starts with {@code kind + " "}, and returns it.
     *
     * @throws IllegalStateException if the application reported a failure or exited, or after {@code timeout}
     */
    String awaitEvent(String kind, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : events()) {
                if (line.equals(kind) || line.startsWith(kind + " ")) {
                    return line;
                }
            }
            checkHealthy();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(jvm.name() + ": no " + kind + " within " + timeout.toSeconds()
                    + " s (see " + jvm.outputFile() + ")");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Throws if the application reported a failure or exited. */
    void checkHealthy() {
        for (String line : events()) {
            if (line.startsWith("FAILED")) {
                throw new IllegalStateException(jvm.name() + ": " + line + " (see " + jvm.outputFile() + ")");
            }
        }
        if (!jvm.isAlive()) {
            throw new IllegalStateException(jvm.name() + " exited with " + jvm.exitCodeOrMinusOne() + ":\n"
                + jvm.outputTail(20));
        }
    }

    private List<String> events() {
        Path file = signals.resolve("events");
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the signal file {@code name} with {@code content}, whole (written aside, then moved in). */
    void signal(String name, String content) {
        try {
            Path tmp = signals.resolve(name + ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, signals.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of {@code name=<number>} in an event line. */
    static long field(String event, String name) {
        Matcher m = Pattern.compile("(?:^| )" + Pattern.quote(name) + "=(-?\\d+)").matcher(event);
        if (!m.find()) {
            throw new IllegalStateException("No " + name + "= in: " + event);
        }
        return Long.parseLong(m.group(1));
    }

    /** The peak resident set size so far ({@code VmHWM}), in MiB; -1 if unknown. */
    double peakRssMib() {
        return jvm.peakRssMib();
    }

    /** CPU time the application has used so far (user and system, all threads), in seconds; -1 if unknown. */
    double cpuSeconds() {
        return jvm.cpuSeconds();
    }

    Path logFile() {
        return jvm.outputFile();
    }

    /** Signals {@code stop} (the application closes and exits), then waits; kills it if it does not exit. */
    @Override
    public void close() {
        try {
            if (jvm.isAlive()) {
                signal("stop", "");
                if (jvm.waitFor(EXIT_GRACE).isEmpty()) {
                    System.err.printf("[%s] did not exit within %d s of the stop signal; stopped%n", jvm.name(),
                        EXIT_GRACE.toSeconds());
                }
            }
        } catch (InterruptedException e) {
            jvm.kill();
            Thread.currentThread().interrupt();
        } finally {
            jvm.close();
        }
    }
}
