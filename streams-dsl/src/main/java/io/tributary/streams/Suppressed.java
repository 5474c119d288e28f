package io.tributary.streams;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * How {@link KTable#suppress} holds back updates. Only {@link #untilWindowCloses} exists yet: the final result of
 * each window, emitted once stream time passes the window's end plus grace. Immutable.
 *
 * <pre>{@code
 * counts.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("final-counts"))
 * }</pre>
 *
 * @param <K> the key type of the table
 * @since 0.1
 */
public final class Suppressed<K> {
    private final @Nullable String name;

    private Suppressed(@Nullable String name) {
        this.name = name;
    }

    /** Emits only the last update of each window, once the window closed; the buffer grows as it needs. */
    public static <K> Suppressed<K> untilWindowCloses(BufferConfig bufferConfig) {
        requireNonNull(bufferConfig, "bufferConfig");
        return new Suppressed<>(null);
    }

    /**
     * Names the suppression: its buffer is logged to {@code <application.id>-<name>-changelog}, so the name must
     * stay stable.
     */
    public Suppressed<K> withName(String name) {
        return new Suppressed<>(Names.check(name, "name"));
    }

    public @Nullable String name() {
        return name;
    }

    /** The buffer's bound; only {@link #unbounded()} (kept in memory, logged) exists yet. */
    public static final class BufferConfig {
        private static final BufferConfig UNBOUNDED = new BufferConfig();

        private BufferConfig() {
        }

        public static BufferConfig unbounded() {
            return UNBOUNDED;
        }
    }
}
