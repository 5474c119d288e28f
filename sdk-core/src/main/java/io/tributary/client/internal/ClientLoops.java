package io.tributary.client.internal;

import reactor.netty.resources.LoopResources;

/**
 * The event loops all Tributary clients of a JVM share ({@code tributary-client-*}, daemon threads, one per core),
 * created on first use. Results of client operations are emitted on these threads unless a client is configured to
 * hop elsewhere; user code must not block on them.
 */
public final class ClientLoops {
    private static final class Holder {
        private static final LoopResources LOOPS = LoopResources.create("tributary-client",
            Math.max(1, Runtime.getRuntime().availableProcessors()), true);
    }

    private ClientLoops() {
    }

    public static LoopResources get() {
        return Holder.LOOPS;
    }
}
