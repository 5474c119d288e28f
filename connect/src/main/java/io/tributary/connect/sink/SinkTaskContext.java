package io.tributary.connect.sink;

import io.tributary.common.TopicPartition;
import java.util.Map;
import java.util.Set;

/**
 * What a running sink task can ask of its worker.
 *
 * @since 0.1
 */
public interface SinkTaskContext {
    /** The task's configuration. */
    Map<String, String> configs();

    /** Rewinds (or skips) partitions: the next records delivered start at these offsets. */
    void offset(Map<TopicPartition, Long> offsets);

    /** The partitions currently assigned to the task. */
    Set<TopicPartition> assignment();

    /** Stops delivering records of these partitions until {@link #resume}. */
    void pause(TopicPartition... partitions);

    void resume(TopicPartition... partitions);

    /** Asks for an offset commit (with {@link SinkTask#preCommit}) soon, not waiting for the interval. */
    void requestCommit();

    /** Where to report records the task could not write. */
    ErrantRecordReporter errantRecordReporter();
}
