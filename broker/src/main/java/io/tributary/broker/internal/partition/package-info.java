/** The broker's partitions: their logs, their effective configs and append notifications. */
@NullMarked
package io.tributary.broker.internal.partition;

import org.jspecify.annotations.NullMarked;
