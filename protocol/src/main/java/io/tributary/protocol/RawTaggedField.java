package io.tributary.protocol;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tagged field whose tag the codec does not know: kept as raw bytes and written back unchanged.
 *
 * @since 0.1
 */
public final class RawTaggedField {
    private final int tag;
    private final byte[] data;

    public RawTaggedField(int tag, byte[] data) {
        if (tag < 0) {
            throw new IllegalArgumentException("tag must not be negative, was " + tag);
        }
        this.tag = tag;
        this.data = Objects.requireNonNull(data, "data").clone();
    }

    public int tag() {
        return tag;
    }

    /** A copy of the field's bytes. */
    public byte[] data() {
        return data.clone();
    }

    /** Number of bytes of the field's payload. */
    public int size() {
        return data.length;
    }

    byte[] unsafeData() {
        return data;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RawTaggedField other && tag == other.tag && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "RawTaggedField(tag=" + tag + ", size=" + data.length + ")";
    }
}
