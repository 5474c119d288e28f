/**
 * The worker runtime: it runs connectors and their tasks on the Tributary SDK. Source tasks' records are
 * transformed, converted and written by a producer as fast as it takes them, their source offsets committed once
 * written; sink tasks get batches from a consumer in the connector's group, one at a time, and offsets are committed
 * for what they flushed. Each connector and task has a thread of its own for its plugin calls; nothing here blocks a
 * Netty event loop. Owned by a herder; see {@link io.tributary.connect.internal.runtime.Worker}.
 */
@NullMarked
package io.tributary.connect.internal.runtime;

import org.jspecify.annotations.NullMarked;
