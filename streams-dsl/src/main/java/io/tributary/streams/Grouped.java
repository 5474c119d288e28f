package io.tributary.streams;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import org.jspecify.annotations.Nullable;

/**
 * How a stream is grouped: the name of the repartition topic ({@code <application.id>-<name>-repartition}) when
 * the key changed, and the serdes to write it with. Immutable.
 *
 * @since 0.1
 */
public final class Grouped<K, V> {
    private final @Nullable String name;
    private final @Nullable Serde<K> keySerde;
    private final @Nullable Serde<V> valueSerde;

    private Grouped(@Nullable String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde) {
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    /** Names the grouping: its repartition topic keeps this name however the topology changes. */
    public static <K, V> Grouped<K, V> as(String name) {
        return new Grouped<>(Names.check(name, "name"), null, null);
    }

    public static <K, V> Grouped<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Grouped<>(null, requireNonNull(keySerde, "keySerde"), requireNonNull(valueSerde, "valueSerde"));
    }

    public static <K, V> Grouped<K, V> with(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        return new Grouped<>(Names.check(name, "name"), requireNonNull(keySerde, "keySerde"),
            requireNonNull(valueSerde, "valueSerde"));
    }

    public Grouped<K, V> withName(String name) {
        return new Grouped<>(Names.check(name, "name"), keySerde, valueSerde);
    }

    public Grouped<K, V> withKeySerde(Serde<K> serde) {
        return new Grouped<>(name, requireNonNull(serde, "serde"), valueSerde);
    }

    public Grouped<K, V> withValueSerde(Serde<V> serde) {
        return new Grouped<>(name, keySerde, requireNonNull(serde, "serde"));
    }

    public @Nullable String name() {
        return name;
    }

    public @Nullable Serde<K> keySerde() {
        return keySerde;
    }

    public @Nullable Serde<V> valueSerde() {
        return valueSerde;
    }
}
