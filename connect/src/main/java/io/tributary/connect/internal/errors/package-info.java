/**
 * Error handling of connector tasks, as Kafka Connect's {@code errors.*} settings define it: retries of retriable
 * failures with exponential backoff, tolerance ({@code none} fails the task, {@code all} skips the record), and the
 * reporters of skipped records (the log and a dead-letter topic with context headers). Owned by each worker task;
 * see {@link io.tributary.connect.internal.errors.RetryWithToleranceOperator}.
 */
@NullMarked
package io.tributary.connect.internal.errors;

import org.jspecify.annotations.NullMarked;
