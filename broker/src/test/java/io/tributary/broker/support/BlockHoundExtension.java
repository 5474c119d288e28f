package io.tributary.broker.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound once for the broker's test JVM (registered for every test class through JUnit's extension
 * auto-detection): a blocking call on a Netty event loop or a Reactor non-blocking thread then fails the request it
 * happens in, and the tests that drive it. Console logging is allowed to block, as it does in any server.
 */
public final class BlockHoundExtension implements BeforeAllCallback {
    private static volatile boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    /** Installs BlockHound if it is not installed yet. */
    public static synchronized void install() {
        if (!installed) {
            // install(...) also applies the integrations found on the class path (Reactor's, Netty's), which mark
            // their non-blocking threads; builder().install() alone would not.
            BlockHound.install(builder -> builder
                .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
                .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "subAppend"));
            installed = true;
        }
    }
}
