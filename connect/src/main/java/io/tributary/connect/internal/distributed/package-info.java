/**
 * Distributed Connect workers: a group of workers (the classic group protocol with protocol type
 * {@code connect}) shares connectors and tasks with an incremental cooperative assignor, and keeps configurations,
 * source offsets and statuses in compacted Kafka topics.
 */
@NullMarked
package io.tributary.connect.internal.distributed;

import org.jspecify.annotations.NullMarked;
