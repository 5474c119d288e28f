/**
 * Stream processing on the Tributary SDK: {@link io.tributary.streams.StreamsBuilder} builds a
 * {@link io.tributary.streams.Topology} of KStreams and KTables, {@link io.tributary.streams.TributaryStreams} runs
 * it, and {@link io.tributary.streams.testing.TopologyTestDriver} runs it deterministically in tests.
 */
@NullMarked
package io.tributary.streams;

import org.jspecify.annotations.NullMarked;
