/** The consumer's engine: fetcher, group membership, offset tracking and commits. */
@NullMarked
package io.tributary.consumer.internal;

import org.jspecify.annotations.NullMarked;
