package io.tributary.streams.internal.state;

/** A stored value with the timestamp of the record that wrote it (tables and aggregations keep it). */
public record ValueAndTimestamp<V>(V value, long timestamp) {
}
