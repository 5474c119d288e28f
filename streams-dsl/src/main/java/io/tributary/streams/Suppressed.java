package io.tributary.streams;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How {@link KTable#suppress} holds back updates, in stream time (the largest record timestamp the suppression has
 * seen). Immutable.
 * <ul>
 *   <li>{@link #untilWindowCloses}: the final result of each window of a windowed table, emitted once stream time
 *       passes the window's end plus grace;</li>
 *   <li>{@link #untilTimeLimit}: of any table, a key's latest update once stream time is the given time past the
 *       update that put the key in the buffer (rate limiting: at most one update per key per interval).</li>
 * </ul>
 *
 * <pre>{@code
 * counts.suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()).withName("final-counts"))
 * prices.suppress(Suppressed.untilTimeLimit(Duration.ofMinutes(1), BufferConfig.maxRecords(10_000))
 *     .withName("price-updates"))
 * }</pre>
 *
 * @param <K> the key type of the table
 * @since 0.1
 */
public final class Suppressed<K> {
    private final @Nullable Duration timeLimit;
    private final BufferConfig buffer;
    private final @Nullable String name;

    private Suppressed(@Nullable Duration timeLimit, BufferConfig buffer, @Nullable String name) {
        this.timeLimit = timeLimit;
        this.buffer = buffer;
        this.name = name;
    }

    /**
     * Emits only the last update of each window, once the window closed. No early emission could be a final
     * result, so the buffer must be {@link BufferConfig#unbounded()} or {@link BufferConfig#shutDownWhenFull()}.
     *
     * @throws IllegalArgumentException for a buffer that would emit early when full
     */
    public static <K> Suppressed<K> untilWindowCloses(BufferConfig bufferConfig) {
        requireNonNull(bufferConfig, "bufferConfig");
        if (bufferConfig.emitEarlyWhenFull) {
            throw new IllegalArgumentException("untilWindowCloses emits final results only: its buffer must be "
                + "unbounded() or shutDownWhenFull(), not emitEarlyWhenFull()");
        }
        return new Suppressed<>(null, bufferConfig, null);
    }

    /**
     * Holds a key's updates back until stream time is {@code timeToWaitForMoreEvents} past the one that put the key
     * in the buffer, then emits its latest update (a deletion too); a zero limit emits each update at once.
     *
     * @throws IllegalArgumentException for a negative limit
     */
    public static <K> Suppressed<K> untilTimeLimit(Duration timeToWaitForMoreEvents, BufferConfig bufferConfig) {
        requireNonNull(timeToWaitForMoreEvents, "timeToWaitForMoreEvents");
        requireNonNull(bufferConfig, "bufferConfig");
        if (timeToWaitForMoreEvents.isNegative()) {
            throw new IllegalArgumentException("timeToWaitForMoreEvents must not be negative, was "
                + timeToWaitForMoreEvents);
        }
        return new Suppressed<>(timeToWaitForMoreEvents, bufferConfig, null);
    }

    /**
     * Names the suppression: its buffer is logged to {@code <application.id>-<name>-changelog}, so the name must
     * stay stable.
     */
    public Suppressed<K> withName(String name) {
        return new Suppressed<>(timeLimit, buffer, Names.check(name, "name"));
    }

    public @Nullable String name() {
        return name;
    }

    /** The time limit of {@link #untilTimeLimit}, or null for {@link #untilWindowCloses}. */
    public @Nullable Duration timeLimit() {
        return timeLimit;
    }

    public BufferConfig bufferConfig() {
        return buffer;
    }

    /**
     * The buffer's bound and what happens when an update would pass it: emit the oldest buffered updates early, or
     * fail the application (a {@link StreamsException} no error handler skips). Bytes count each buffered key and
     * value in serialized form plus 24 bytes. Immutable.
     */
    public static final class BufferConfig {
        private static final BufferConfig UNBOUNDED = new BufferConfig(Long.MAX_VALUE, Long.MAX_VALUE, false);

        private final long maxRecords;
        private final long maxBytes;
        private final boolean emitEarlyWhenFull;

        private BufferConfig(long maxRecords, long maxBytes, boolean emitEarlyWhenFull) {
            this.maxRecords = maxRecords;
            this.maxBytes = maxBytes;
            this.emitEarlyWhenFull = emitEarlyWhenFull;
        }

        /** No bound: the buffer grows as it needs (and is kept in memory). */
        public static BufferConfig unbounded() {
            return UNBOUNDED;
        }

        /** At most {@code records} keys buffered, emitting the oldest early when full. */
        public static BufferConfig maxRecords(long records) {
            return new BufferConfig(notNegative("maxRecords", records), Long.MAX_VALUE, true);
        }

        /** At most {@code bytes} buffered, emitting the oldest early when full. */
        public static BufferConfig maxBytes(long bytes) {
            return new BufferConfig(Long.MAX_VALUE, notNegative("maxBytes", bytes), true);
        }

        public BufferConfig withMaxRecords(long records) {
            return new BufferConfig(notNegative("maxRecords", records), maxBytes, emitEarlyWhenFull);
        }

        public BufferConfig withMaxBytes(long bytes) {
            return new BufferConfig(maxRecords, notNegative("maxBytes", bytes), emitEarlyWhenFull);
        }

        /** Removes both bounds, keeping what happens when full (which then never happens). */
        public BufferConfig withNoBound() {
            return new BufferConfig(Long.MAX_VALUE, Long.MAX_VALUE, emitEarlyWhenFull);
        }

        /** When full, the oldest buffered updates are emitted before their time. */
        public BufferConfig emitEarlyWhenFull() {
            return new BufferConfig(maxRecords, maxBytes, true);
        }

        /** When full, the application fails rather than emit anything early. */
        public BufferConfig shutDownWhenFull() {
            return new BufferConfig(maxRecords, maxBytes, false);
        }

        public long maxRecords() {
            return maxRecords;
        }

        public long maxBytes() {
            return maxBytes;
        }

        public boolean emitsEarlyWhenFull() {
            return emitEarlyWhenFull;
        }

        private static long notNegative(String what, long value) {
            if (value < 0) {
                throw new IllegalArgumentException(what + " must not be negative, was " + value);
            }
            return value;
        }
    }
}
