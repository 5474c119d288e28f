package io.tributary.broker.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program outside the JVM (kcat, node) with a time limit, feeding it standard input and capturing what it
 * prints. A program that overruns is killed and reported, so an interop test fails instead of hanging.
 */
final class ExternalCommand {
    private ExternalCommand() {
    }

    /** What the program did. */
    record Result(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    /** The path of {@code program} on the PATH, or an assertion error saying how to install it. */
    static String require(String program, String install) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(program + " is not on the PATH; " + install + " (.ci/run does this)");
    }

    static Result run(Duration limit, String stdin, List<String> command) {
        return run(limit, stdin, null, command);
    }

    static Result run(Duration limit, String stdin, Path workDir, List<String> command) {
        try {
            Path out = Files.createTempFile("command-out", ".txt");
            Path err = Files.createTempFile("command-err", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
                if (workDir != null) {
                    builder.directory(workDir.toFile());
                }
                Process p = builder.start();
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
                p.getOutputStream().close();
                if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError(command + " did not finish within " + limit + "\n--- stdout ---\n"
                        + Files.readString(out) + "--- stderr ---\n" + Files.readString(err));
                }
                return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
