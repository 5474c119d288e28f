/**
 * The {@code tributary} command line: {@link io.tributary.cli.Tributary} is the entry point, and each verb
 * ({@code topics}, {@code produce}, {@code consume}, {@code groups}, {@code configs}, {@code perf}, {@code cluster},
 * {@code broker}) is a picocli command of its own, one class per command or subcommand.
 */
@NullMarked
package io.tributary.cli;

import org.jspecify.annotations.NullMarked;
