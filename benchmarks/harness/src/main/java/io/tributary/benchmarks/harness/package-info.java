/**
 * The side-by-side harness: Apache Kafka's own perf tools run against an Apache Kafka broker and a Tributary
 * broker, each started as a child JVM with the same JVM options, and the figures printed as one markdown table.
 * Entry point: {@link io.tributary.benchmarks.harness.SideBySide}. The client comparisons,
 * {@link io.tributary.benchmarks.harness.ProducerClientsSideBySide} and
 * {@link io.tributary.benchmarks.harness.ConsumerClientsSideBySide}, run the load generators of
 * {@code benchmarks/clients} and {@code benchmarks/reactor-kafka} in child JVMs, as does
 * {@link io.tributary.benchmarks.harness.ConsumerHeapSideBySide} (the consumers' heap under a slow subscriber);
 * {@link io.tributary.benchmarks.harness.ConnectSideBySide} runs Kafka Connect's standalone worker
 * ({@code benchmarks/kafka-connect}) and Tributary's ({@code connect}) with their file connectors, and
 * {@link io.tributary.benchmarks.harness.JdbcSinkSideBySide} the same workers with Debezium's and Tributary's JDBC
 * sinks against a throwaway PostgreSQL; {@link io.tributary.benchmarks.harness.StreamsSideBySide} runs the same
 * topologies in Kafka Streams and in Tributary Streams ({@code benchmarks/streams}). Run on demand, never by
 * {@code verify}.
 */
@NullMarked
package io.tributary.benchmarks.harness;

import org.jspecify.annotations.NullMarked;
