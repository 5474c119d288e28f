/** One request handler per API key. */
@NullMarked
package io.tributary.broker.internal.handler;

import org.jspecify.annotations.NullMarked;
