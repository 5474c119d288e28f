package io.tributary.streams;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import org.jspecify.annotations.Nullable;

/**
 * How a stream-table join reads its stream: serdes for the repartition topic written when the stream's key
 * changed, and that topic's name ({@code <application.id>-<name>-repartition}). Immutable.
 *
 * @param <K>  the key type
 * @param <V>  the stream's value type
 * @param <VO> the table's value type
 * @since 0.1
 */
public final class Joined<K, V, VO> {
    private final @Nullable String name;
    private final @Nullable Serde<K> keySerde;
    private final @Nullable Serde<V> valueSerde;
    private final @Nullable Serde<VO> otherValueSerde;

    private Joined(@Nullable String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                   @Nullable Serde<VO> otherValueSerde) {
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.otherValueSerde = otherValueSerde;
    }

    public static <K, V, VO> Joined<K, V, VO> with(Serde<K> keySerde, Serde<V> valueSerde,
                                                   @Nullable Serde<VO> otherValueSerde) {
        return new Joined<>(null, requireNonNull(keySerde, "keySerde"), requireNonNull(valueSerde, "valueSerde"),
            otherValueSerde);
    }

    public static <K, V, VO> Joined<K, V, VO> as(String name) {
        return new Joined<>(Names.check(name, "name"), null, null, null);
    }

    public Joined<K, V, VO> withName(String name) {
        return new Joined<>(Names.check(name, "name"), keySerde, valueSerde, otherValueSerde);
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

    public @Nullable Serde<VO> otherValueSerde() {
        return otherValueSerde;
    }
}
