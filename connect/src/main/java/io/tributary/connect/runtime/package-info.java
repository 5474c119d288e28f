/**
 * Entry points of the Connect runtime: {@link io.tributary.connect.runtime.ConnectStandalone} runs a standalone
 * worker from Kafka Connect's property files ({@code connect-standalone.sh}'s arguments) or embedded in an
 * application.
 */
@NullMarked
package io.tributary.connect.runtime;

import org.jspecify.annotations.NullMarked;
