/** The broker's network layer: framing, dispatch by API key, the handler contract. */
@NullMarked
package io.tributary.broker.internal.network;

import org.jspecify.annotations.NullMarked;
