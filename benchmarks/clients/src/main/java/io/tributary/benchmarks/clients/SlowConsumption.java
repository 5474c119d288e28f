package io.tributary.benchmarks.clients;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The slow-subscriber heap measurement every consumer client shares: a subscriber that takes {@code --delay-micros}
 * (default 1,000) per record on a thread of its own reads {@code --topic} for {@code --seconds} (default 30) after its
 * first record, while a sampler runs a full collection every {@code --sample-millis} (default 1,000; the first half
 * an interval after the first record, so none falls on the end of the window) and records the heap in use right after
 * it. Prints a {@code SAMPLE} line per sample, then
 * {@code RESULT records=N millis=M baselineMib=B maxMib=X medianMib=D directMib=R rssMib=S samples=K}: the records
 * processed from subscribing to the end of the window, the window, the heap after a collection just before the
 * consumer was created, the largest and the median heap after a collection in the window, the largest direct memory
 * seen (the JDK's direct buffers plus Netty's own count), and the process's peak RSS ({@code VmHWM}).
 *
 * <p>{@code benchmarks/reactor-kafka} uses it too (this jar alone: that module pins an older reactor-core), so it
 * depends on the JDK only.
 */
public final class SlowConsumption {
    private static final Duration FIRST_RECORD_TIMEOUT = Duration.ofSeconds(120);
    private static final double MIB = 1024.0 * 1024.0;

    /** One client library's way of reading the topic: each record goes through {@link Subscriber#process(int)}. */
    public interface Client {
        /**
         * Subscribes to {@code topic} from the earliest offset in a fresh group with the client's default settings,
         * handing every record to {@code subscriber} on a thread of the subscriber's own; returns what stops it.
         */
        AutoCloseable subscribe(String bootstrap, String topic, Subscriber subscriber) throws Exception;
    }

    /**
     * @param size the value size of every record, checked, so that a wrong topic cannot pass
     */
    record Args(String bootstrap, String topic, int size, Duration window, long delayNanos, Duration sampleInterval) {
        static Args parse(String[] argv) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i + 1 < argv.length; i += 2) {
                values.put(argv[i], argv[i + 1]);
            }
            return new Args(required(values, "--bootstrap"), required(values, "--topic"),
                Integer.parseInt(required(values, "--size")),
                Duration.ofSeconds(Long.parseLong(values.getOrDefault("--seconds", "30"))),
                TimeUnit.MICROSECONDS.toNanos(Long.parseLong(values.getOrDefault("--delay-micros", "1000"))),
                Duration.ofMillis(Long.parseLong(values.getOrDefault("--sample-millis", "1000"))));
        }

        private static String required(Map<String, String> values, String key) {
            String v = values.get(key);
            if (v == null) {
                throw new IllegalArgumentException("missing " + key);
            }
            return v;
        }
    }

    /**
     * The slow processing: {@link #process(int)} checks the value's size and sleeps the delay on the calling thread.
     * Called by one thread at a time; counts are read by others.
     */
    public static final class Subscriber {
        private final long delayNanos;
        private final int size;
        private final AtomicLong processed = new AtomicLong();
        private final CountDownLatch first = new CountDownLatch(1);
        private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

        Subscriber(long delayNanos, int size) {
            this.delayNanos = delayNanos;
            this.size = size;
        }

        /** Processes one record whose value has {@code valueLength} bytes: the delay, then it counts. */
        public void process(int valueLength) {
            first.countDown();
            if (valueLength != size) {
                fail(new IllegalStateException("a value of " + valueLength + " B, expected " + size));
                return;
            }
            pause(delayNanos);
            processed.incrementAndGet();
        }

        public void fail(Throwable error) {
            failure.compareAndSet(null, error);
            first.countDown();
        }

        long processed() {
            return processed.get();
        }

        private static void pause(long nanos) {
            long deadline = System.nanoTime() + nanos;
            for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }
    }

    /** One sample: seconds after the first record, heap after a full collection, direct memory, records so far. */
    private record Sample(double seconds, double heapMib, double directMib, long processed) {
    }

    private SlowConsumption() {
    }

    /** Runs the measurement with {@code client}, prints the result and exits the JVM. */
    public static void run(String[] argv, Client client) throws Exception {
        Args args = Args.parse(argv);
        double baseline = heapAfterGcMib();
        Subscriber subscriber = new Subscriber(args.delayNanos(), args.size());
        AutoCloseable running = client.subscribe(args.bootstrap(), args.topic(), subscriber);
        if (!subscriber.first.await(FIRST_RECORD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("no record within " + FIRST_RECORD_TIMEOUT.toSeconds() + " s");
        }
        long first = System.nanoTime();
        List<Sample> samples = new ArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heap-sampler");
            t.setDaemon(true);
            return t;
        });
        long interval = args.sampleInterval().toMillis();
        sampler.scheduleAtFixedRate(() -> {
            double heap = heapAfterGcMib();
            Sample s = new Sample((System.nanoTime() - first) / 1e9, heap, directMib(), subscriber.processed());
            synchronized (samples) {
                samples.add(s);
            }
        }, interval / 2, interval, TimeUnit.MILLISECONDS);
        long end = first + args.window().toNanos();
        for (long left = end - System.nanoTime(); left > 0 && subscriber.failure.get() == null;
             left = end - System.nanoTime()) {
            Thread.sleep(Math.min(100, TimeUnit.NANOSECONDS.toMillis(left) + 1));
        }
        sampler.shutdown();
        sampler.awaitTermination(30, TimeUnit.SECONDS);
        long records = subscriber.processed();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first);
        Throwable failed = subscriber.failure.get();
        if (failed != null) {
            throw new IllegalStateException("the subscription failed", failed);
        }
        List<Sample> taken;
        synchronized (samples) {
            taken = List.copyOf(samples);
        }
        if (taken.isEmpty()) {
            throw new IllegalStateException("no heap sample in the window");
        }
        for (Sample s : taken) {
            System.out.println(String.format(Locale.ROOT, "SAMPLE seconds=%.1f heapMib=%.1f directMib=%.1f "
                + "records=%d", s.seconds(), s.heapMib(), s.directMib(), s.processed()));
        }
        double[] heaps = taken.stream().mapToDouble(Sample::heapMib).sorted().toArray();
        double median = heaps.length % 2 == 1 ? heaps[heaps.length / 2]
            : (heaps[heaps.length / 2 - 1] + heaps[heaps.length / 2]) / 2;
        System.out.println(String.format(Locale.ROOT, "RESULT records=%d millis=%d baselineMib=%.1f maxMib=%.1f "
            + "medianMib=%.1f directMib=%.1f rssMib=%.1f samples=%d", records, millis, baseline,
            heaps[heaps.length - 1], median, taken.stream().mapToDouble(Sample::directMib).max().orElse(0),
            peakRssMib(), taken.size()));
        System.out.flush();
        try {
            running.close();
        } catch (Exception e) {
            System.out.println("closing the consumer failed: " + e);
        }
        System.exit(0);
    }

    /**
     * Runs a full collection ({@code System.gc()}; the tool JVMs have no {@code ExplicitGCInvokesConcurrent}) and
     * returns the heap in use right after it, from the collector's own after-collection figures, so that what other
     * threads allocate after it does not count; the heap in use now if no collector reports one.
     */
    static double heapAfterGcMib() {
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getPlatformMXBeans(GarbageCollectorMXBean.class);
        long[] before = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).toArray();
        System.gc();
        GcInfo latest = null;
        for (int i = 0; i < collectors.size(); i++) {
            GcInfo info = collectors.get(i).getLastGcInfo();
            if (collectors.get(i).getCollectionCount() > before[i] && info != null
                && (latest == null || info.getEndTime() > latest.getEndTime())) {
                latest = info;
            }
        }
        if (latest == null) {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MIB;
        }
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : latest.getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        return used / MIB;
    }

    /**
     * Direct memory in use: the JDK's direct buffers, plus what Netty allocates without them (its pooled arenas
     * use {@code Unsafe} when they can and count that themselves), if Netty is on the classpath.
     */
    private static double directMib() {
        long bytes = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                bytes += pool.getMemoryUsed();
            }
        }
        try {
            Object netty = Class.forName("io.netty.util.internal.PlatformDependent")
                .getMethod("usedDirectMemory").invoke(null);
            bytes += Math.max(0, (Long) netty);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // No Netty here.
        }
        return bytes / MIB;
    }

    /** {@code VmHWM} of this process, in MiB; -1 if unknown. */
    private static double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim()) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc.
        }
        return -1;
    }
}
