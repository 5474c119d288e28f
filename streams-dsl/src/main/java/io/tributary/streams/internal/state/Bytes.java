package io.tributary.streams.internal.state;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** Serialized key bytes as a map key: equality by content, order unsigned lexicographic (Kafka Streams' order). */
public final class Bytes implements Comparable<Bytes> {
    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps {@code bytes} without copying: callers hand over arrays they no longer change. */
    public static Bytes wrap(byte[] bytes) {
        return new Bytes(bytes);
    }

    public byte[] get() {
        return bytes;
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Bytes b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
