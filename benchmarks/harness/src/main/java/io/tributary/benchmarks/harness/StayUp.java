package io.tributary.benchmarks.harness;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Runs another class's {@code main}, then keeps the JVM up until it is stopped (SIGTERM, which runs the shutdown
 * hooks). Tributary's {@code ConnectStandalone.main} returns once the worker runs, and every thread it leaves is a
 * daemon, so its JVM would exit at once; Kafka's {@code ConnectStandalone.main} blocks by itself. Both workers of
 * {@link ConnectSideBySide} start through this class, so that they start alike. Uses JDK classes only, so it can go
 * first on any classpath.
 *
 * <pre>{@code
 * java -cp harness.jar:<worker classpath> io.tributary.benchmarks.harness.StayUp <main class> <its arguments>
 * }</pre>
 */
public final class StayUp {
    private StayUp() {
    }

    public static void main(String[] args) throws ReflectiveOperationException, InterruptedException {
        if (args.length < 1) {
            System.err.println("Usage: StayUp <main class> [arguments]");
            System.exit(2);
        }
        try {
            Class.forName(args[0]).getMethod("main", String[].class)
                .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            e.getCause().printStackTrace();
            System.exit(1);
        }
        new CountDownLatch(1).await();
    }
}
