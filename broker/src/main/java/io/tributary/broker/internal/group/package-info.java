/**
 * The classic consumer-group coordinator (PROTOCOL.md 5.6): group state machines, committed offsets and their
 * persistence in the compacted internal topic {@code __consumer_offsets} (PROTOCOL.md 5.8).
 */
@NullMarked
package io.tributary.broker.internal.group;

import org.jspecify.annotations.NullMarked;
