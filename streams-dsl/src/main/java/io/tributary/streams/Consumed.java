package io.tributary.streams;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.processor.TimestampExtractor;
import org.jspecify.annotations.Nullable;

/**
 * How a source topic is read: serdes (default: the application's), event-time extractor, source node name.
 * Immutable.
 *
 * @since 0.1
 */
public final class Consumed<K, V> {
    private final @Nullable Serde<K> keySerde;
    private final @Nullable Serde<V> valueSerde;
    private final @Nullable TimestampExtractor timestampExtractor;
    private final @Nullable String name;

    private Consumed(@Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                     @Nullable TimestampExtractor timestampExtractor, @Nullable String name) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.timestampExtractor = timestampExtractor;
        this.name = name;
    }

    public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Consumed<>(requireNonNull(keySerde, "keySerde"), requireNonNull(valueSerde, "valueSerde"), null,
            null);
    }

    public static <K, V> Consumed<K, V> with(TimestampExtractor extractor) {
        return new Consumed<>(null, null, requireNonNull(extractor, "extractor"), null);
    }

    /** Names the source node. */
    public static <K, V> Consumed<K, V> as(String name) {
        return new Consumed<>(null, null, null, Names.check(name, "name"));
    }

    public Consumed<K, V> withKeySerde(Serde<K> serde) {
        return new Consumed<>(requireNonNull(serde, "serde"), valueSerde, timestampExtractor, name);
    }

    public Consumed<K, V> withValueSerde(Serde<V> serde) {
        return new Consumed<>(keySerde, requireNonNull(serde, "serde"), timestampExtractor, name);
    }

    public Consumed<K, V> withTimestampExtractor(TimestampExtractor extractor) {
        return new Consumed<>(keySerde, valueSerde, requireNonNull(extractor, "extractor"), name);
    }

    public Consumed<K, V> withName(String name) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, Names.check(name, "name"));
    }

    public @Nullable Serde<K> keySerde() {
        return keySerde;
    }

    public @Nullable Serde<V> valueSerde() {
        return valueSerde;
    }

    public @Nullable TimestampExtractor timestampExtractor() {
        return timestampExtractor;
    }

    public @Nullable String name() {
        return name;
    }
}
