package io.tributary.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A Java child process started by the harness: one broker or one perf tool, with its standard output and error
 * going to one file. Every child that is still running when the harness exits (normally, on an exception or on
 * SIGINT/SIGTERM) is destroyed by a shutdown hook, so no broker outlives a run.
 *
 * <p>Thread-safe: the process handle is immutable and {@link #stop(Duration)} may be called more than once.
 */
final class ChildJvm implements AutoCloseable {
    private static final Set<ChildJvm> LIVE = ConcurrentHashMap.newKeySet();
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildJvm::destroyAll, "side-by-side-children"));
    }

    private final String name;
    private final Process process;
    private final Path outputFile;
    private final long startNanos;

    private ChildJvm(String name, Process process, Path outputFile, long startNanos) {
        this.name = name;
        this.process = process;
        this.outputFile = outputFile;
        this.startNanos = startNanos;
    }

    /**
     * Starts {@code java <jvmOptions> -cp <classpath> <mainClass> <args>} with this JVM's {@code java} binary,
     * in {@code workDir}, writing both output streams to {@code outputFile}.
     */
    static ChildJvm start(String name, List<String> jvmOptions, String classpath, String mainClass,
            List<String> args, Path workDir, Path outputFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(outputFile.toFile());
        builder.environment().remove("KAFKA_OPTS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + String.join(" ", command), e);
        }
        ChildJvm child = new ChildJvm(name, process, outputFile, start);
        LIVE.add(child);
        return child;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** {@link System#nanoTime()} just before the process was started. */
    long startNanos() {
        return startNanos;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or -1 while it runs. */
    int exitCodeOrMinusOne() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /**
     * Waits for the process to exit by itself; after {@code timeout} it is stopped and the result is empty.
     */
    OptionalInt waitFor(Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LIVE.remove(this);
            return OptionalInt.of(process.exitValue());
        }
        stop(Duration.ofSeconds(10));
        return OptionalInt.empty();
    }

    /** Everything the process printed so far. */
    String output() {
        try {
            return Files.readString(outputFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + outputFile + ": " + e.getMessage() + ")";
        }
    }

    /** The peak resident set size so far ({@code VmHWM}), in MiB; -1 if unknown (process gone, or no /proc). */
    double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim()) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process has gone, or there is no /proc.
        }
        return -1;
    }

    /** CPU time the process has used so far (user and system, all threads), in seconds; -1 if unknown. */
    double cpuSeconds() {
        return ProcessHandle.of(pid())
            .flatMap(p -> p.info().totalCpuDuration())
            .map(d -> d.toNanos() / 1e9)
            .orElse(-1.0);
    }

    /** The last {@code lines} lines of the output. */
    String outputTail(int lines) {
        String[] all = output().split("\n", -1);
        int from = Math.max(0, all.length - lines);
        return String.join("\n", List.of(all).subList(from, all.length));
    }

    Path outputFile() {
        return outputFile;
    }

    /**
     * Asks the process to stop (SIGTERM, so a broker shuts down cleanly), waits up to {@code grace}, then kills
     * it. Returns once the process has exited or could not be killed within another 10 s.
     */
    void stop(Duration grace) throws InterruptedException {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            LIVE.remove(this);
        }
    }

    /** {@link #stop(Duration)} with a 60 s grace period; if interrupted, kills the process at once. */
    @Override
    public void close() {
        try {
            stop(STOP_GRACE);
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the process (SIGKILL) without waiting. */
    void kill() {
        process.destroyForcibly();
        LIVE.remove(this);
    }

    private static void destroyAll() {
        for (ChildJvm child : LIVE) {
            child.process.destroy();
        }
        for (ChildJvm child : LIVE) {
            try {
                if (!child.process.waitFor(20, TimeUnit.SECONDS)) {
                    child.process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        LIVE.clear();
    }
}
