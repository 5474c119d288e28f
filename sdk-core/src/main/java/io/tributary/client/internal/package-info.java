/**
 * The connection layer under the producer, consumer and admin clients: broker connections on Reactor Netty with
 * pipelined requests, version negotiation, the metadata cache and retry policy. May change at any time.
 */
@NullMarked
package io.tributary.client.internal;

import org.jspecify.annotations.NullMarked;
