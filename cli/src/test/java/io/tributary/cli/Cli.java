package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.cli.internal.StopSignal;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs the command line in-process, as {@code bin/tributary} would, with captured stdout and stderr. */
final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Cli() {
    }

    /** Runs {@code args} with an empty stdin. */
    static Result run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    /** Runs {@code args} reading {@code stdin}. */
    static Result runWithInput(String stdin, String... args) {
        return run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    static Result run(InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Tributary.commandLine(new CliContext(stdin, new StopSignal()), new PrintWriter(out),
            new PrintWriter(err), args).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs {@code args} in the bootstrap servers' cluster: appends {@code --bootstrap-server}. */
    static Result on(String bootstrap, String... args) {
        return run(withBootstrap(bootstrap, args));
    }

    /** Like {@link #on(String, String...)}, reading {@code stdin}. */
    static Result onWithInput(String bootstrap, String stdin, String... args) {
        return runWithInput(stdin, withBootstrap(bootstrap, args));
    }

    private static String[] withBootstrap(String bootstrap, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--bootstrap-server");
        all.add(bootstrap);
        return all.toArray(String[]::new);
    }

    /** Starts a long-running command in a thread of its own; {@link Running#stop()} is its Ctrl-C. */
    static Running start(String... args) {
        return new Running(args);
    }

    /** What a command printed and returned. */
    record Result(int exitCode, String out, String err) {
        /** Asserts exit code 0 (showing stderr otherwise) and returns this. */
        Result ok() {
            assertThat(exitCode).as("exit code; stderr: %s", err).isZero();
            return this;
        }

        /** The stdout lines. */
        List<String> lines() {
            return out.lines().toList();
        }

        /** Stdout parsed as JSON. */
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException("stdout is not JSON: " + out, e);
            }
        }
    }

    /** A command running in its own thread. */
    static final class Running {
        private final StopSignal stop = new StopSignal();
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final AtomicInteger exitCode = new AtomicInteger(-1);
        private final Thread thread;

        private Running(String... args) {
            thread = new Thread(() -> exitCode.set(Tributary.commandLine(
                new CliContext(new ByteArrayInputStream(new byte[0]), stop), new PrintWriter(out, true),
                new PrintWriter(err, true), args).execute(args)), "cli-" + args[0]);
            thread.setDaemon(true);
            thread.start();
        }

        /** What the command printed so far. */
        String out() {
            return out.toString();
        }

        /** Waits until stdout contains {@code text}, failing after {@code timeout}. */
        void awaitOutput(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!out.toString().contains(text)) {
                if (System.nanoTime() > deadline || !thread.isAlive()) {
                    throw new AssertionError("No '" + text + "' in stdout: " + out + "\nstderr: " + err);
                }
                Thread.sleep(20);
            }
        }

        /** Requests the stop, as Ctrl-C would, and returns the exit code. */
        Result stop() throws InterruptedException {
            stop.request();
            thread.join(Duration.ofSeconds(30).toMillis());
            assertThat(thread.isAlive()).as("still running after the stop request").isFalse();
            return new Result(exitCode.get(), out.toString(), err.toString());
        }
    }
}
