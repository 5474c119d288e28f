package io.tributary.connect.jdbc;

import io.tributary.common.TopicPartition;
import io.tributary.connect.sink.ErrantRecordReporter;
import io.tributary.connect.sink.SinkTaskContext;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * A sink task context for calling a task directly: no assignment to manage; errant records go to the reporter given,
 * by default one that fails with the record's error, as the runtime's does with {@code errors.tolerance=none}.
 */
final class TestSinkTaskContext implements SinkTaskContext {
    private final Map<String, String> configs;
    private final ErrantRecordReporter reporter;

    TestSinkTaskContext(Map<String, String> configs) {
        this(configs, (record, error) -> Mono.error(error));
    }

    TestSinkTaskContext(Map<String, String> configs, ErrantRecordReporter reporter) {
        this.configs = configs;
        this.reporter = reporter;
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
    }

    @Override
    public Set<TopicPartition> assignment() {
        return Set.of();
    }

    @Override
    public void pause(TopicPartition... partitions) {
    }

    @Override
    public void resume(TopicPartition... partitions) {
    }

    @Override
    public void requestCommit() {
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        return reporter;
    }
}
