package io.tributary.streams.internal.state;

/** One entry of a {@link BytesStore}: a serialized key and its stored value. */
public record BytesEntry(byte[] key, StoredValue value) {
}
