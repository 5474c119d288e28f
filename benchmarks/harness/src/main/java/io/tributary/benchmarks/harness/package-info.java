/**
 * The side-by-side harness: Apache Kafka's own perf tools run against an Apache Kafka broker and a Tributary
 * broker, each started as a child JVM with the same JVM options, and the figures printed as one markdown table.
 * Entry point: {@link io.tributary.benchmarks.harness.SideBySide}. Run on demand, never by {@code verify}.
 */
@NullMarked
package io.tributary.benchmarks.harness;

import org.jspecify.annotations.NullMarked;
