/** JMH benchmarks: each class measures one path with Tributary and with kafka-clients in the same run. */
package io.tributary.benchmarks;
