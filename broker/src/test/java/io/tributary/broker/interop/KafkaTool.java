package io.tributary.broker.interop;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.utils.Exit;

/**
 * Runs one of Apache Kafka's command-line tools in this JVM, as its {@code kafka-*.sh} script would, and captures
 * what it prints. {@code Exit.exit} only records the status, so a tool never ends the JVM: the first status a tool
 * asks for is its exit status (some tools call {@code Exit.exit} from a {@code finally} block and again from
 * {@code main}). The shutdown hooks a tool registers (the console producer flushes and closes its producer in one)
 * run when the tool returns, as they would when its process ends.
 *
 * <p>Not thread-safe: swaps {@code System.in}, {@code System.out} and {@code System.err} for the duration of a run,
 * so tools must run one at a time (JUnit runs this module's test classes sequentially). Shared with other modules'
 * tests through this module's test-jar.
 */
public final class KafkaTool {
    /** The status of a tool whose {@code main} threw instead of exiting. */
    public static final int THREW = -1;
    private static final int NOT_EXITED = Integer.MIN_VALUE;

    private KafkaTool() {
    }

    /** The entry point of a tool: its {@code main(String[])}. */
    @FunctionalInterface
    public interface Main {
        void run(String[] args) throws Exception;
    }

    /** What a tool did: its exit status (0 when it returned without calling {@code Exit.exit}) and its output. */
    public record Run(int status, String out, String err) {
        public List<String> outLines() {
            return out.lines().toList();
        }

        @Override
        public String toString() {
            return "status " + status + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    /** Runs {@code main} with {@code --bootstrap-server bootstrap} before {@code args}, and an empty standard input. */
    public static Run runAgainst(String bootstrap, Main main, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--bootstrap-server";
        all[1] = bootstrap;
        System.arraycopy(args, 0, all, 2, args.length);
        return run(main, all);
    }

    /** Runs {@code main} with an empty standard input. */
    public static Run run(Main main, String... args) {
        return runWithInput(main, "", args);
    }

    /** Runs {@code main} with {@code stdin} as its standard input. */
    public static synchronized Run runWithInput(Main main, String stdin, String... args) {
        Objects.requireNonNull(main, "main");
        Objects.requireNonNull(stdin, "stdin");
        InputStream in = System.in;
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        List<Runnable> hooks = new ArrayList<>();
        AtomicInteger status = new AtomicInteger(NOT_EXITED);
        Exit.setExitProcedure((code, message) -> status.compareAndSet(NOT_EXITED, code));
        Exit.setShutdownHookAdder((name, hook) -> hooks.add(hook));
        try (PrintStream capturedOut = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream capturedErr = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(capturedOut);
            System.setErr(capturedErr);
            try {
                main.run(args);
            } catch (Exception e) {
                e.printStackTrace(capturedErr);
                status.compareAndSet(NOT_EXITED, THREW);
            } finally {
                hooks.forEach(Runnable::run);
            }
        } finally {
            System.setIn(in);
            System.setOut(out);
            System.setErr(err);
            Exit.resetExitProcedure();
            Exit.resetShutdownHookAdder();
        }
        int exitStatus = status.get() == NOT_EXITED ? 0 : status.get();
        return new Run(exitStatus, outBytes.toString(StandardCharsets.UTF_8),
            errBytes.toString(StandardCharsets.UTF_8));
    }
}
