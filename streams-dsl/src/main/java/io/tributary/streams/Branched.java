package io.tributary.streams;

import org.jspecify.annotations.Nullable;

/**
 * The name of one branch of {@link KStream#split()}: the key of the branch in the returned map is the split's
 * prefix plus this name (default: the branch's position, from 1; {@code 0} for the default branch).
 *
 * @since 0.1
 */
public final class Branched<K, V> {
    private final @Nullable String name;

    private Branched(@Nullable String name) {
        this.name = name;
    }

    public static <K, V> Branched<K, V> as(String name) {
        return new Branched<>(Names.check(name, "name"));
    }

    /** A branch named by its position. */
    public static <K, V> Branched<K, V> positional() {
        return new Branched<>(null);
    }

    public @Nullable String name() {
        return name;
    }
}
