package io.tributary.serdes;

import static java.util.Objects.requireNonNull;

/**
 * A serializer and a deserializer of one format and type, for APIs that both read and write (streams, tests).
 *
 * @param <T> the type of values
 * @since 0.1
 */
public interface Serde<T> {
    Serializer<T> serializer();

    Deserializer<T> deserializer();

    /** A serde of the two halves. */
    static <T> Serde<T> of(Serializer<T> serializer, Deserializer<T> deserializer) {
        requireNonNull(serializer, "serializer");
        requireNonNull(deserializer, "deserializer");
        return new Serde<>() {
            @Override
            public Serializer<T> serializer() {
                return serializer;
            }

            @Override
            public Deserializer<T> deserializer() {
                return deserializer;
            }
        };
    }
}
