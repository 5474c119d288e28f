package io.tributary.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;

/**
 * Installs BlockHound once per test JVM, so that a blocking call on a Netty event loop or a Reactor non-blocking
 * thread fails the test that causes it instead of stalling silently. Register it with
 * {@code @ExtendWith(BlockHoundExtension.class)} or through JUnit's extension auto-detection. Console logging may
 * block, as it does in any application. The JVM needs {@code -XX:+AllowRedefinitionToAddDeleteMethods} (JDK 13+).
 *
 * @since 0.1
 */
public final class BlockHoundExtension implements BeforeAllCallback {
    private static volatile boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    /** Installs BlockHound with Reactor's and Netty's integrations, if it is not installed yet. */
    public static synchronized void install() {
        if (!installed) {
            BlockHound.install(builder -> builder
                .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
                .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "subAppend")
                // Netty 4.2's adaptive allocator takes a short internal lock when it adds a magazine under
                // contention; Netty's own BlockHound integration does not list this path yet.
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
                    "tryExpandMagazines")
                .blockingMethodCallback(method -> {
                    // Reactor may drop an error thrown inside a callback; print it so a stall has a visible cause.
                    BlockingOperationError error = new BlockingOperationError(method);
                    error.printStackTrace();
                    throw error;
                }));
            installed = true;
        }
    }
}
