/**
 * The applications of the streams comparison ({@code StreamsSideBySide} in {@code benchmarks/harness}): the same
 * topologies in Kafka Streams ({@link io.tributary.benchmarks.streams.KafkaStreamsApp}) and in Tributary Streams
 * ({@link io.tributary.benchmarks.streams.TributaryStreamsApp}), one application per child JVM, driven by the
 * harness through files ({@link io.tributary.benchmarks.streams.Signals}).
 */
@NullMarked
package io.tributary.benchmarks.streams;

import org.jspecify.annotations.NullMarked;
