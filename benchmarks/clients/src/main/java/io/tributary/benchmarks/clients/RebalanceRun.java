package io.tributary.benchmarks.clients;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rebalance pause measurement both group clients share: a {@link SteadyWriter} writes 100 B records to a topic
 * of {@code --partitions} partitions; {@code --members} consumers join one fresh group and read from the earliest
 * offset; once every member has received records and the group has run undisturbed for {@link #STEADY}, the last
 * member leaves (closes, which sends LeaveGroup); the others keep reading for {@link #AFTER}. Prints
 * {@code RESULT pauseMillis=P pauseStartMillis=S groupPauseMillis=G baselineMillis=B open=O}: the longest stretch
 * after the leave in which one remaining member received no record, when it began (after the leave), the longest
 * stretch in which no remaining member received one (the whole group stood still), the longest stretch without a
 * record at one member in the steady phase before the leave, and whether the pause lasted to the end of the window.
 */
final class RebalanceRun {
    static final Duration STEADY = Duration.ofSeconds(5);
    static final Duration AFTER = Duration.ofSeconds(20);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(120);

    /** The group under test, one client library's way. */
    interface Group {
        /**
         * Starts {@code members} members of {@code group}, subscribed to {@code topic}; each reports what it
         * receives to {@code arrivals} under its index.
         */
        void start(String bootstrap, String topic, String group, int members, Arrivals arrivals);

        /** Makes member {@code member} leave the group, returning once its client has been told to. */
        void leave(int member) throws InterruptedException;

        /** Stops the remaining members. */
        void stop() throws InterruptedException;
    }

    private RebalanceRun() {
    }

    static void run(String[] argv, String client, Group group) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            a.put(argv[i], argv[i + 1]);
        }
        String bootstrap = a.get("--bootstrap");
        String topic = a.get("--topic");
        int partitions = Integer.parseInt(a.getOrDefault("--partitions", "6"));
        int members = Integer.parseInt(a.getOrDefault("--members", "3"));
        int rate = Integer.parseInt(a.getOrDefault("--rate", "5000"));
        Arrivals arrivals = new Arrivals(members);
        try (SteadyWriter writer = SteadyWriter.start(bootstrap, topic, partitions, rate)) {
            group.start(bootstrap, topic, ConsumeArgs.freshGroup(client, topic), members, arrivals);
            long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
            while (!arrivals.allReceived()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not every member received records within " + JOIN_TIMEOUT);
                }
                Thread.sleep(10);
            }
            Thread.sleep(STEADY.toMillis());
            long leave = System.nanoTime();
            group.leave(members - 1);
            Thread.sleep(AFTER.toMillis());
            long end = System.nanoTime();
            group.stop();
            List<Integer> remaining = new ArrayList<>();
            Arrivals.Gap pause = new Arrivals.Gap(0, 0, false);
            long baseline = 0;
            for (int m = 0; m < members - 1; m++) {
                remaining.add(m);
                Arrivals.Gap gap = arrivals.longestGap(List.of(m), leave, end);
                if (gap.nanos() > pause.nanos()) {
                    pause = gap;
                }
                long steady = arrivals.longestGap(List.of(m), leave - STEADY.toNanos(), leave).nanos();
                baseline = Math.max(baseline, steady);
            }
            Arrivals.Gap whole = arrivals.longestGap(remaining, leave, end);
            System.out.println(String.format(Locale.ROOT,
                "RESULT pauseMillis=%d pauseStartMillis=%d groupPauseMillis=%d baselineMillis=%d open=%s",
                pause.nanos() / 1_000_000, pause.startNanos() / 1_000_000, whole.nanos() / 1_000_000,
                baseline / 1_000_000, pause.open()));
        }
    }
}
