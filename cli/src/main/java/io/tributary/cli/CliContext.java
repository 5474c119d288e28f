package io.tributary.cli;

import io.tributary.cli.internal.StopSignal;
import java.io.InputStream;

/**
 * What a command needs from its process besides arguments and the output writers: standard input (produce) and the
 * Ctrl-C signal (long-running commands). {@link Tributary#main} passes the real ones, tests their own.
 *
 * @param stdin what {@code produce} reads when no {@code --file} is given
 * @param stop  requested by the JVM's shutdown hook (Ctrl-C, SIGTERM) or by a test
 */
record CliContext(InputStream stdin, StopSignal stop) {
}
