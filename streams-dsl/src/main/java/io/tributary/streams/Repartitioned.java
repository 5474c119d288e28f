package io.tributary.streams;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import org.jspecify.annotations.Nullable;

/**
 * How {@link KStream#repartition(Repartitioned)} writes its topic: name ({@code <application.id>-<name>-repartition}),
 * serdes and partition count (default: the largest partition count of the upstream sources). Immutable.
 *
 * @since 0.1
 */
public final class Repartitioned<K, V> {
    private final @Nullable String name;
    private final @Nullable Serde<K> keySerde;
    private final @Nullable Serde<V> valueSerde;
    private final int partitions;

    private Repartitioned(@Nullable String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                          int partitions) {
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.partitions = partitions;
    }

    public static <K, V> Repartitioned<K, V> as(String name) {
        return new Repartitioned<>(Names.check(name, "name"), null, null, 0);
    }

    public static <K, V> Repartitioned<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Repartitioned<>(null, requireNonNull(keySerde, "keySerde"),
            requireNonNull(valueSerde, "valueSerde"), 0);
    }

    public Repartitioned<K, V> withName(String name) {
        return new Repartitioned<>(Names.check(name, "name"), keySerde, valueSerde, partitions);
    }

    public Repartitioned<K, V> withKeySerde(Serde<K> serde) {
        return new Repartitioned<>(name, requireNonNull(serde, "serde"), valueSerde, partitions);
    }

    public Repartitioned<K, V> withValueSerde(Serde<V> serde) {
        return new Repartitioned<>(name, keySerde, requireNonNull(serde, "serde"), partitions);
    }

    /** @throws IllegalArgumentException if {@code partitions} is not positive */
    public Repartitioned<K, V> withNumberOfPartitions(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive, was " + partitions);
        }
        return new Repartitioned<>(name, keySerde, valueSerde, partitions);
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

    /** The partition count, or 0 for "as the upstream sources". */
    public int numberOfPartitions() {
        return partitions;
    }
}
