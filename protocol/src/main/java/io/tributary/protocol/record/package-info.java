/**
 * Kafka record batches (magic 2): {@link io.tributary.protocol.record.RecordBatchBuilder} writes one batch,
 * {@link io.tributary.protocol.record.RecordBatch} is a zero-copy view that reads one, and
 * {@link io.tributary.protocol.record.RecordBatches} walks the batches of a Produce or Fetch records field.
 */
@NullMarked
package io.tributary.protocol.record;

import org.jspecify.annotations.NullMarked;
