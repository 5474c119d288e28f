package io.tributary.cli;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;

/**
 * BlockHound for the CLI's tests: the rules of the testkit's {@code BlockHoundExtension} (Reactor's and Netty's
 * integrations, console logging may block, a blocking call fails loudly) plus one allowance. Netty's adaptive
 * allocator may take a {@code StampedLock} for a moment when it grows its magazines under contention (a Netty
 * internal, not a blocking call of ours), which BlockHound reports when the producer's sender allocates a request
 * buffer on a Reactor thread. BlockHound keeps the first installation of a JVM, so every CLI test class registers
 * this extension rather than the testkit's.
 */
final class CliBlockHound implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        BlockHound.install(builder -> builder
            .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
            .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "subAppend")
            .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines")
            .blockingMethodCallback(method -> {
                BlockingOperationError error = new BlockingOperationError(method);
                error.printStackTrace();
                throw error;
            }));
    }
}
