package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Deserializer;
import io.tributary.serdes.Serde;
import io.tributary.serdes.Serializer;
import io.tributary.streams.Windowed;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Windowed keys as the suppression buffer writes them: the key's bytes, then its window as {@link WindowedKeyLayout}
 * writes it, so that keys of one window end sort the way Kafka Streams' buffer sorts them. Stateless.
 */
final class WindowedKeySerde {
    private WindowedKeySerde() {
    }

    static <K> Serde<Windowed<K>> of(Serde<K> keys, WindowedKeyLayout layout) {
        Serializer<Windowed<K>> serializer = (topic, windowed) -> {
            if (windowed == null) {
                return null;
            }
            byte[] key = requireNonNull(keys.serializer().serialize(topic, windowed.key()), "key bytes");
            return ByteBuffer.allocate(key.length + layout.suffixLength())
                .put(key)
                .put(layout.suffix(windowed.window()))
                .array();
        };
        Deserializer<Windowed<K>> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            K key = keys.deserializer().deserialize(topic, Arrays.copyOf(bytes, bytes.length - layout.suffixLength()));
            return new Windowed<>(requireNonNull(key, "key"), layout.window(bytes));
        };
        return Serde.of(serializer, deserializer);
    }
}
