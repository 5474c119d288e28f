package io.tributary.streams.internal.dsl;

import io.tributary.streams.GlobalKTable;

/** A global table: just the name of its global store. Immutable. */
public record GlobalKTableImpl<K, V>(String queryableStoreName) implements GlobalKTable<K, V> {
}
