package io.tributary.broker.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.BlockingOperationError;

/**
 * Installs BlockHound once for the broker's test JVM (registered for every test class through JUnit's extension
 * auto-detection): a blocking call on a Netty event loop or a Reactor non-blocking thread then fails the request it
 * happens in, and the tests that drive it. Console logging is allowed to block, as it does in any server. As in
 * the testkit's extension, an error is never thrown out of a wait for a {@code java.util.concurrent} lock (it would
 * leave the waiter queued in the lock for good, hanging every later contended acquirer) nor out of a class
 * initializer (it would make the class unusable for the rest of the JVM): those are printed only.
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
                .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "subAppend")
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
                    "tryExpandMagazines")
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free")
                .blockingMethodCallback(BlockHoundExtension::onBlockingCall));
            installed = true;
        }
    }

    private static void onBlockingCall(BlockingMethod method) {
        BlockingOperationError error = new BlockingOperationError(method);
        error.printStackTrace();
        boolean unsafeToThrow = StackWalker.getInstance().walk(frames -> frames.limit(64).anyMatch(f ->
            f.getMethodName().equals("<clinit>") || f.getClassName().startsWith("java.util.concurrent.locks.Abstract")
                || f.getClassName().equals("java.util.concurrent.locks.StampedLock")));
        if (!unsafeToThrow) {
            throw error;
        }
    }
}
