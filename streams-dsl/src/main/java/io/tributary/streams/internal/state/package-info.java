/**
 * Implementation: in-memory and RocksDB stores and change logging.
 */
@NullMarked
package io.tributary.streams.internal.state;

import org.jspecify.annotations.NullMarked;
