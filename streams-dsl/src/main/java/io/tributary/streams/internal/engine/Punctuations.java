package io.tributary.streams.internal.engine;

import io.tributary.streams.processor.Cancellable;
import io.tributary.streams.processor.PunctuationType;
import io.tributary.streams.processor.Punctuator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A task's scheduled punctuations. Stream-time ones first fire at the first stream time seen, then each time stream
 * time reaches the next multiple of the interval after it; wall-clock ones fire an interval after scheduling. A
 * punctuation that fell behind by several intervals fires once. Owned by one task; not thread-safe.
 */
final class Punctuations {
    private final List<Scheduled> scheduled = new ArrayList<>();

    Cancellable schedule(ProcessorNode node, long intervalMs, PunctuationType type, Punctuator punctuator, long now) {
        Scheduled s = new Scheduled(node, intervalMs, type, punctuator,
            type == PunctuationType.WALL_CLOCK_TIME ? now + intervalMs : -1);
        scheduled.add(s);
        return () -> s.cancelled = true;
    }

    /** Fires the punctuations of {@code type} due at {@code now}; {@code fire} runs one with the node current. */
    void fire(PunctuationType type, long now, BiConsumer<ProcessorNode, Runnable> fire) {
        if (now < 0) {
            return;
        }
        for (Scheduled s : List.copyOf(scheduled)) {
            if (s.cancelled || s.type != type) {
                continue;
            }
            if (s.next < 0 || now >= s.next) {
                long base = s.next < 0 ? now : s.next;
                long behind = (now - base) / s.interval;
                s.next = base + (behind + 1) * s.interval;
                fire.accept(s.node, () -> s.punctuator.punctuate(now));
            }
        }
        scheduled.removeIf(s -> s.cancelled);
    }

    private static final class Scheduled {
        private final ProcessorNode node;
        private final long interval;
        private final PunctuationType type;
        private final Punctuator punctuator;
        private long next;
        private boolean cancelled;

        Scheduled(ProcessorNode node, long interval, PunctuationType type, Punctuator punctuator, long next) {
            this.node = node;
            this.interval = interval;
            this.type = type;
            this.punctuator = punctuator;
            this.next = next;
        }
    }
}
