package io.tributary.connect.runtime;

import io.tributary.common.TopicPartition;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.errors.DataException;
import io.tributary.connect.sink.SinkConnector;
import io.tributary.connect.sink.SinkRecord;
import io.tributary.connect.sink.SinkTask;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Sink connectors for the runtime's tests; what they receive is kept per connector. */
public final class TestSinkPlugins {
    /** Values each sink received, by connector name. */
    static final Map<String, List<Object>> RECEIVED = new ConcurrentHashMap<>();
    /** Whether a recording connector's instance runs (started and not stopped), by connector name. */
    static final Map<String, Boolean> INSTANCE_RUNNING = new ConcurrentHashMap<>();

    private TestSinkPlugins() {
    }

    /** Records every value it is given under its connector's name. */
    public static final class RecordingSinkConnector extends SinkConnector {
        private Map<String, String> props = Map.of();

        @Override
        public String version() {
            return "1";
        }

        @Override
        public void start(Map<String, String> props) {
            this.props = Map.copyOf(props);
            INSTANCE_RUNNING.put(props.get("name"), true);
        }

        @Override
        public Class<? extends SinkTask> taskClass() {
            return RecordingSinkTask.class;
        }

        @Override
        public List<Map<String, String>> taskConfigs(int maxTasks) {
            List<Map<String, String>> out = new ArrayList<>();
            for (int i = 0; i < maxTasks; i++) {
                out.add(props);
            }
            return out;
        }

        @Override
        public void stop() {
            INSTANCE_RUNNING.put(props.get("name"), false);
        }

        @Override
        public ConfigDef config() {
            return new ConfigDef();
        }
    }

    public static final class RecordingSinkTask extends SinkTask {
        private List<Object> received = new CopyOnWriteArrayList<>();

        @Override
        public String version() {
            return "1";
        }

        @Override
        public void start(Map<String, String> props) {
            received = RECEIVED.computeIfAbsent(props.get("name"), n -> new CopyOnWriteArrayList<>());
        }

        @Override
        public Mono<Void> put(List<SinkRecord> records) {
            return Mono.fromRunnable(() -> records.forEach(r -> received.add(String.valueOf(r.value()))));
        }

        @Override
        public void stop() {
        }
    }

    /**
     * A sink that rewinds each partition it opens to offset 1 (skipping the first record) and reports records
     * whose value is {@code bad} through the errant record reporter.
     */
    public static final class RewindingSinkConnector extends SinkConnector {
        private Map<String, String> props = Map.of();

        @Override
        public String version() {
            return "1";
        }

        @Override
        public void start(Map<String, String> props) {
            this.props = Map.copyOf(props);
        }

        @Override
        public Class<? extends SinkTask> taskClass() {
            return RewindingSinkTask.class;
        }

        @Override
        public List<Map<String, String>> taskConfigs(int maxTasks) {
            return List.of(props);
        }

        @Override
        public void stop() {
        }

        @Override
        public ConfigDef config() {
            return new ConfigDef();
        }
    }

    public static final class RewindingSinkTask extends SinkTask {
        private List<Object> received = new CopyOnWriteArrayList<>();

        @Override
        public String version() {
            return "1";
        }

        @Override
        public void start(Map<String, String> props) {
            received = RECEIVED.computeIfAbsent(props.get("name"), n -> new CopyOnWriteArrayList<>());
        }

        @Override
        public void open(Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> rewinds = new HashMap<>();
            partitions.forEach(tp -> rewinds.put(tp, 1L));
            context().offset(rewinds);
        }

        @Override
        public Mono<Void> put(List<SinkRecord> records) {
            return Flux.fromIterable(records)
                .concatMap(r -> "bad".equals(r.value())
                    ? context().errantRecordReporter().report(r, new DataException("bad value"))
                    : Mono.fromRunnable(() -> received.add(String.valueOf(r.value()))))
                .then();
        }

        @Override
        public void stop() {
        }
    }
}
