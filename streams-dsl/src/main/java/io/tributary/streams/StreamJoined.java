package io.tributary.streams;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import org.jspecify.annotations.Nullable;

/**
 * How a stream-stream join stores its sides: a name and serdes. Immutable. The name names the join's stores (each
 * logged to a changelog of its name) as Kafka Streams names them: {@code <name>-this-join-store} and
 * {@code <name>-other-join-store} for an inner join; {@code <name>-this-join-store},
 * {@code <name>-outer-other-join-store} and the shared {@code <name>-left-shared-join-store} for a left join;
 * {@code <name>-outer-this-join-store}, {@code <name>-outer-other-join-store} and
 * {@code <name>-outer-shared-join-store} for an outer join. Repartition topics, if needed, are
 * {@code <name>-left-repartition} and {@code <name>-right-repartition}.
 *
 * @since 0.1
 */
public final class StreamJoined<K, V, VO> {
    private final @Nullable String name;
    private final @Nullable Serde<K> keySerde;
    private final @Nullable Serde<V> valueSerde;
    private final @Nullable Serde<VO> otherValueSerde;

    private StreamJoined(@Nullable String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                         @Nullable Serde<VO> otherValueSerde) {
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.otherValueSerde = otherValueSerde;
    }

    public static <K, V, VO> StreamJoined<K, V, VO> as(String name) {
        return new StreamJoined<>(Names.check(name, "name"), null, null, null);
    }

    public static <K, V, VO> StreamJoined<K, V, VO> with(Serde<K> keySerde, Serde<V> valueSerde,
                                                         Serde<VO> otherValueSerde) {
        return new StreamJoined<>(null, requireNonNull(keySerde, "keySerde"), requireNonNull(valueSerde,
            "valueSerde"), requireNonNull(otherValueSerde, "otherValueSerde"));
    }

    public StreamJoined<K, V, VO> withName(String name) {
        return new StreamJoined<>(Names.check(name, "name"), keySerde, valueSerde, otherValueSerde);
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
