package io.tributary.streams.processor;

/**
 * A task: one partition of one sub-topology. Printed as {@code subtopology_partition}, as Kafka Streams does.
 *
 * @param subtopology the sub-topology index
 * @param partition   the input partition
 * @since 0.1
 */
public record TaskId(int subtopology, int partition) {
    @Override
    public String toString() {
        return subtopology + "_" + partition;
    }
}
