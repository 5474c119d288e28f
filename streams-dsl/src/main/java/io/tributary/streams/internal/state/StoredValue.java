package io.tributary.streams.internal.state;

/** The bytes of a stored value and the timestamp of the record that wrote it. */
public record StoredValue(byte[] value, long timestamp) {
}
