package io.tributary.connect.runtime;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.data.Schema;
import io.tributary.connect.source.ExactlyOnceSupport;
import io.tributary.connect.source.SourceConnector;
import io.tributary.connect.source.SourceRecord;
import io.tributary.connect.source.SourceTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;

/**
 * A source of {@code tasks.max} tasks, each counting up from where its committed offset says ("task-i:n"), one
 * record every few milliseconds; for failover tests, where a gap in a task's numbers is a lost record.
 */
public final class SequenceSource extends SourceConnector {
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
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> config) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public Class<? extends SourceTask> taskClass() {
        return Task.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> config = new HashMap<>(props);
            config.put("task.index", Integer.toString(i));
            out.add(config);
        }
        return out;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef().define("topic", ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
            ConfigDef.Importance.HIGH, "Where the numbers go.");
    }

    public static final class Task extends SourceTask {
        private String topic = "";
        private String index = "";

        @Override
        public String version() {
            return "1";
        }

        @Override
        public void start(Map<String, String> props) {
            topic = props.get("topic");
            index = props.get("task.index");
        }

        @Override
        public Flux<SourceRecord> records() {
            Map<String, String> partition = Map.of("task", index);
            Map<String, Object> committed = context().offsetStorageReader().offset(partition);
            long from = committed == null ? 0 : ((Number) committed.get("next")).longValue();
            return Flux.interval(Duration.ofMillis(5))
                .onBackpressureDrop()
                .scan(from, (n, tick) -> n + 1)
                .map(n -> new SourceRecord(partition, Map.of("next", n + 1), topic, Schema.STRING_SCHEMA,
                    "task-" + index + ":" + n));
        }

        @Override
        public void stop() {
        }
    }
}
