/**
 * What every Tributary client shares: {@link io.tributary.client.ClientOptions} (bootstrap servers, timeouts,
 * retries) and the optional metrics hook.
 */
@NullMarked
package io.tributary.client;

import org.jspecify.annotations.NullMarked;
