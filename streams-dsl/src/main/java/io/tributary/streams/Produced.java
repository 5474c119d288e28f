package io.tributary.streams;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import org.jspecify.annotations.Nullable;

/**
 * How records are written to a topic: serdes (default: the stream's or the application's) and the sink node name.
 * Immutable.
 *
 * @since 0.1
 */
public final class Produced<K, V> {
    private final @Nullable Serde<K> keySerde;
    private final @Nullable Serde<V> valueSerde;
    private final @Nullable String name;

    private Produced(@Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde, @Nullable String name) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.name = name;
    }

    public static <K, V> Produced<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Produced<>(requireNonNull(keySerde, "keySerde"), requireNonNull(valueSerde, "valueSerde"), null);
    }

    public static <K, V> Produced<K, V> as(String name) {
        return new Produced<>(null, null, Names.check(name, "name"));
    }

    public Produced<K, V> withKeySerde(Serde<K> serde) {
        return new Produced<>(requireNonNull(serde, "serde"), valueSerde, name);
    }

    public Produced<K, V> withValueSerde(Serde<V> serde) {
        return new Produced<>(keySerde, requireNonNull(serde, "serde"), name);
    }

    public Produced<K, V> withName(String name) {
        return new Produced<>(keySerde, valueSerde, Names.check(name, "name"));
    }

    public @Nullable Serde<K> keySerde() {
        return keySerde;
    }

    public @Nullable Serde<V> valueSerde() {
        return valueSerde;
    }

    public @Nullable String name() {
        return name;
    }
}
