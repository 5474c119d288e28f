/**
 * State stores: key-value, window and session stores, read-only views for interactive queries.
 */
@NullMarked
package io.tributary.streams.state;

import org.jspecify.annotations.NullMarked;
