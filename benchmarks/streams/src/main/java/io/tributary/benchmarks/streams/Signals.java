package io.tributary.benchmarks.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The application's side of the file protocol with the harness: events are lines appended to {@code <dir>/events}
 * (and printed), signals are files the harness moves into {@code <dir>} once their content is written. Events carry
 * wall-clock times ({@code epochMillis=}), which the harness compares with its own clock (same host).
 *
 * <p>Used by the application's main thread only.
 */
final class Signals {
    private static final Duration POLL = Duration.ofMillis(5);
    /** The longest the application waits for any signal; the harness stops it well before. */
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final Path dir;

    Signals(Path dir) {
        this.dir = dir;
    }

    /** Appends {@code line} to the events file and prints it. */
    void emit(String line) {
        System.out.println("EVENT " + line);
        try {
            Files.writeString(dir.resolve("events"), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits for the signal file {@code name} and returns its content. While waiting, {@code failure} is asked every
     * few milliseconds; a non-null answer is emitted as {@code FAILED <answer>} and ends the JVM with exit code 1.
     */
    String await(String name, Supplier<@Nullable String> failure) throws InterruptedException {
        Path file = dir.resolve(name);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.exists(file)) {
            failIf(failure);
            if (System.nanoTime() > deadline) {
                fail("no " + name + " signal within " + TIMEOUT.toMinutes() + " min");
            }
            Thread.sleep(POLL.toMillis());
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the JVM with {@code FAILED <reason>} if {@code failure} gives a reason. */
    void failIf(Supplier<@Nullable String> failure) {
        String reason = failure.get();
        if (reason != null) {
            fail(reason);
        }
    }

    void fail(String reason) {
        emit("FAILED " + reason.replace('\n', ' '));
        System.out.flush();
        Runtime.getRuntime().halt(1);
    }

    /** Polls every few milliseconds until {@code done}; fails (ending the JVM) on a failure or after 30 min. */
    void poll(Supplier<Boolean> done, Supplier<@Nullable String> failure) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!done.get()) {
            failIf(failure);
            if (System.nanoTime() > deadline) {
                fail("not done within " + TIMEOUT.toMinutes() + " min");
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
