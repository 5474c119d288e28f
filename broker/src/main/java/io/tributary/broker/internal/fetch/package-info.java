/** Fetch-side state of the broker: incremental fetch sessions (KIP-227). */
@NullMarked
package io.tributary.broker.internal.fetch;

import org.jspecify.annotations.NullMarked;
