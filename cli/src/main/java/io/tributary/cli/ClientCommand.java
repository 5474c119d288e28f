package io.tributary.cli;

import io.tributary.admin.AdminOptions;
import io.tributary.admin.GroupDescription;
import io.tributary.admin.TributaryAdmin;
import io.tributary.cli.internal.GlobalOptions;
import io.tributary.cli.internal.Output;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A command that talks to a cluster: it takes the {@link GlobalOptions}, prints through {@link #output()} and
 * blocks on the SDK's calls in its own (the main) thread, which is never a Netty event loop. Subclasses implement
 * {@link #run()}; failures propagate to {@link Tributary}'s handler (exit code 1), {@link #usage(String)} errors to
 * the usage handler (exit code 2).
 */
abstract class ClientCommand implements Callable<Integer> {
    /** Extra time a blocking wait grants beyond the API timeout, which bounds every SDK call already. */
    private static final Duration BLOCK_MARGIN = Duration.ofSeconds(10);

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    /** Runs the command; returns its exit code. */
    abstract int run() throws Exception;

    Output output() {
        return new Output(out(), global.output());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    CliContext context() {
        return ((Tributary) spec.root().userObject()).context();
    }

    /** A usage error about this command's arguments: exit code 2. */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Runs {@code call} with an admin client that is closed afterwards. */
    <T> T withAdmin(AdminCall<T> call) throws Exception {
        TributaryAdmin admin = TributaryAdmin.create(AdminOptions.create(global.clientOptions()));
        try {
            return call.apply(admin);
        } finally {
            admin.closeNow();
        }
    }

    /** Blocks for the value of {@code mono}. */
    <T> T await(Mono<T> mono) {
        T value = mono.block(global.apiTimeout().plus(BLOCK_MARGIN));
        if (value == null) {
            throw new IllegalStateException("The cluster sent no answer");
        }
        return value;
    }

    /** Blocks for every element of {@code flux}. */
    <T> List<T> awaitAll(Flux<T> flux) {
        List<T> all = flux.collectList().block(global.apiTimeout().plus(BLOCK_MARGIN));
        return all == null ? List.of() : all;
    }

    /** Blocks until {@code mono} completes. */
    void awaitDone(Mono<?> mono) {
        mono.block(global.apiTimeout().plus(BLOCK_MARGIN));
    }

    /**
     * A consumer's {@code client.id} of its own ({@code tributary-cli-<role>-<random>}), so that
     * {@link #awaitLeft} can tell its group membership from others'.
     */
    static String uniqueClientId(String role) {
        return "tributary-cli-" + role + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    }

    /**
     * Waits until {@code group} has no member with {@code clientId}: the consumer's leaving happens after its
     * subscription is cancelled, and a process that exits sooner would leave a member behind until its session
     * times out. Gives up quietly after {@code timeout}.
     */
    void awaitLeft(String group, String clientId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        withAdmin(admin -> {
            while (System.nanoTime() < deadline) {
                GroupDescription d = admin.describeGroups(List.of(group))
                    .onErrorResume(e -> Mono.just(Map.of()))
                    .blockOptional(timeout)
                    .map(m -> m.get(group))
                    .orElse(null);
                if (d == null || d.members().stream().noneMatch(m -> m.clientId().equals(clientId))) {
                    return null;
                }
                Thread.sleep(20);
            }
            return null;
        });
    }

    /** Work with an admin client. */
    @FunctionalInterface
    interface AdminCall<T> {
        T apply(TributaryAdmin admin) throws Exception;
    }
}
