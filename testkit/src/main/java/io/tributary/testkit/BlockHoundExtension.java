package io.tributary.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.BlockingOperationError;

/**
 * Installs BlockHound once per test JVM, so that a blocking call on a Netty event loop or a Reactor non-blocking
 * thread fails the test that causes it instead of stalling silently. Register it with
 * {@code @ExtendWith(BlockHoundExtension.class)} or through JUnit's extension auto-detection. The JVM needs
 * {@code -XX:+AllowRedefinitionToAddDeleteMethods} (JDK 13+).
 *
 * <p>A blocking call throws a {@link BlockingOperationError} where it happens, and, since Reactor may drop an error
 * thrown inside a callback, it is also recorded: a test during which one was recorded fails afterwards, naming the
 * call and the thread. Two kinds of call are never thrown at, as throwing would break the JVM for every later test:
 * <ul>
 *   <li>waiting for a lock or synchronizer of {@code java.util.concurrent} (AQS-based, or a {@code StampedLock}):
 *       an error thrown out of the wait leaves the waiter queued in it for good, and every later contended acquirer
 *       waits forever (the call is still recorded);
 *   <li>blocking inside a class initializer (reading a native library out of a jar, say): it runs once, and an
 *       error there makes the class unusable for the rest of the JVM's life (not recorded).
 * </ul>
 * Allowed: console logging, and short internal locks of Netty's adaptive buffer allocator and of Jackson's
 * deserializer cache, taken only under contention, which their own BlockHound integrations do not list yet.
 *
 * @since 0.1
 */
public final class BlockHoundExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final Queue<BlockingOperationError> DETECTED = new ConcurrentLinkedQueue<>();
    private static volatile boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        DETECTED.clear();   // printed when they happened, by a test that does not check for them
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<BlockingOperationError> found = takeDetections();
        if (!found.isEmpty()) {
            AssertionError failure = new AssertionError("BlockHound found " + found.size() + " blocking call(s) on "
                + "non-blocking threads during this test: " + found.stream().map(e -> e.getMessage() + " at "
                + firstOwnFrame(e)).distinct().collect(Collectors.joining("; ")), found.get(0));
            found.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /** The blocking calls recorded since the last call (or the start of the test), for a test that provokes one. */
    public static List<BlockingOperationError> takeDetections() {
        List<BlockingOperationError> out = new ArrayList<>();
        for (BlockingOperationError e = DETECTED.poll(); e != null; e = DETECTED.poll()) {
            out.add(e);
        }
        return out;
    }

    /** Installs BlockHound with Reactor's and Netty's integrations, if it is not installed yet. */
    public static synchronized void install() {
        if (!installed) {
            BlockHound.install(builder -> builder
                .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
                .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "subAppend")
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
                    "tryExpandMagazines")
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free")
                .allowBlockingCallsInside("com.fasterxml.jackson.databind.deser.DeserializerCache",
                    "_createAndCacheValueDeserializer")
                // Cancelling a periodic task (Flux.interval on a worker) takes the executor queue's lock for a heap
                // removal, a short park when contended; Reactor's own integration allows the same for WorkerTask and
                // SchedulerTask but not for this one.
                .allowBlockingCallsInside("reactor.core.scheduler.PeriodicWorkerTask", "dispose")
                // Tests that hold a thread on purpose (a stuck subscriber) say so.
                .allowBlockingCallsInside(Stall.class.getName(), "hold")
                .blockingMethodCallback(BlockHoundExtension::onBlockingCall));
            installed = true;
        }
    }

    private static void onBlockingCall(BlockingMethod method) {
        List<StackWalker.StackFrame> stack = StackWalker.getInstance().walk(s -> s.limit(64).toList());
        if (stack.stream().anyMatch(f -> f.getMethodName().equals("<clinit>"))) {
            return;
        }
        BlockingOperationError error = new BlockingOperationError(method);
        DETECTED.add(error);
        error.printStackTrace();
        if (stack.stream().noneMatch(f -> isLockWait(f.getClassName()))) {
            throw error;
        }
    }

    /** A lock's or synchronizer's wait queue, which an error thrown from inside the wait would leave corrupt. */
    private static boolean isLockWait(String className) {
        return className.startsWith("java.util.concurrent.locks.AbstractQueued")
            || className.equals("java.util.concurrent.locks.StampedLock");
    }

    /** The frame that names the culprit: the first of Tributary's, else the first outside the JDK and BlockHound. */
    private static String firstOwnFrame(BlockingOperationError error) {
        StackTraceElement fallback = null;
        for (StackTraceElement frame : error.getStackTrace()) {
            String cls = frame.getClassName();
            if (cls.startsWith("io.tributary.") && !cls.equals(BlockHoundExtension.class.getName())) {
                return frame.toString();
            }
            if (fallback == null && !cls.startsWith("java.") && !cls.startsWith("jdk.")
                && !cls.startsWith("reactor.blockhound.") && !cls.equals(BlockHoundExtension.class.getName())) {
                fallback = frame;
            }
        }
        return fallback == null ? "an unknown frame" : fallback.toString();
    }
}
