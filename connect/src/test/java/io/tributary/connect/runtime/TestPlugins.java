package io.tributary.connect.runtime;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.errors.DataException;
import io.tributary.connect.errors.RetriableConnectException;
import io.tributary.connect.source.SourceConnector;
import io.tributary.connect.source.SourceRecord;
import io.tributary.connect.source.SourceTask;
import io.tributary.connect.storage.Converter;
import io.tributary.connect.transforms.Transformation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/** Source connectors, a transform and a converter for the runtime's tests; what they count is kept per connector. */
public final class TestPlugins {
    /** Records requested from each counting source, by connector name. */
    static final Map<String, AtomicLong> REQUESTED = new ConcurrentHashMap<>();
    /** Records each counting source saw written ({@code commitRecord} with a position), by connector name. */
    static final Map<String, AtomicLong> WRITTEN = new ConcurrentHashMap<>();

    private TestPlugins() {
    }

    private static ConfigDef anything() {
        return new ConfigDef();
    }

    /** A source connector whose start throws. */
    public static final class FailingStartConnector extends SourceConnector {
        @Override
        public String version() {
            return "1";
        }

        @Override
        public void start(Map<String, String> props) {
            throw new IllegalStateException("boom at start");
        }

        @Override
        public Class<? extends SourceTask> taskClass() {
            return ListSourceTask.class;
        }

        @Override
        public List<Map<String, String>> taskConfigs(int maxTasks) {
            return List.of();
        }

        @Override
        public void stop() {
        }

        @Override
        public ConfigDef config() {
            return anything();
        }
    }

    /**
     * Emits the comma-separated {@code values} to {@code topic}, source partition {@code {"list": name}}, offset
     * {@code {"index": i}}; resumes after the committed index, then completes (the task idles).
     */
    public static final class ListSourceConnector extends SourceConnector {
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
        public Class<? extends SourceTask> taskClass() {
            return ListSourceTask.class;
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
            return new ConfigDef()
                .define("topic", ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH, "")
                .define("values", ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH, "");
        }
    }

    public static final class ListSourceTask extends SourceTask {
        private List<String> values = List.of();
        private String topic = "";
        private String name = "";

        @Override
        public String version() {
            return "1";
        }

        @Override
        public void start(Map<String, String> props) {
            values = List.of(props.get("values").split(","));
            topic = props.get("topic");
            name = props.get("name");
        }

        @Override
        public Flux<SourceRecord> records() {
            return Flux.defer(() -> {
                Map<String, ?> partition = Map.of("list", name);
                Map<String, Object> offset = context().offsetStorageReader().offset(partition);
                int start = offset == null ? 0 : ((Number) offset.get("index")).intValue() + 1;
                return Flux.range(start, Math.max(0, values.size() - start))
                    .map(i -> new SourceRecord(partition, Map.of("index", i), topic, Schema.STRING_SCHEMA,
                        values.get(i)));
            });
        }

        @Override
        public void stop() {
        }
    }

    /** Emits records without end, as fast as they are requested; counts requests and writes. */
    public static final class CountingSourceConnector extends SourceConnector {
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
        public Class<? extends SourceTask> taskClass() {
            return CountingSourceTask.class;
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
            return anything();
        }
    }

    public static final class CountingSourceTask extends SourceTask {
        private String topic = "";
        private String name = "";

        @Override
        public String version() {
            return "1";
        }

        @Override
        public void start(Map<String, String> props) {
            topic = props.get("topic");
            name = props.get("name");
        }

        @Override
        public Flux<SourceRecord> records() {
            AtomicLong requested = REQUESTED.computeIfAbsent(name, n -> new AtomicLong());
            Map<String, ?> partition = Map.of("counter", name);
            return Flux.<SourceRecord, Long>generate(() -> 0L, (i, sink) -> {
                sink.next(new SourceRecord(partition, Map.of("n", i), topic, Schema.STRING_SCHEMA, "n" + i));
                return i + 1;
            }).doOnRequest(n -> requested.addAndGet(n));
        }

        @Override
        public void commitRecord(SourceRecord record, @Nullable Written written) {
            if (written != null) {
                WRITTEN.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
            }
        }

        @Override
        public void stop() {
        }
    }

    /** Fails on records whose value is {@code poison}; passes the others on unchanged. */
    public static final class PoisonTransform<R extends ConnectRecord<R>> implements Transformation<R> {
        @Override
        public ConfigDef config() {
            return anything();
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public @Nullable R apply(R record) {
            if ("poison".equals(record.value())) {
                throw new DataException("poisoned record");
            }
            return record;
        }
    }

    /** A string converter that cannot read the bytes {@code poison}. */
    public static final class PoisonConverter implements Converter {
        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
        }

        @Override
        public byte @Nullable [] fromConnectData(String topic, @Nullable Schema schema, @Nullable Object value) {
            return value == null ? null : value.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public SchemaAndValue toConnectData(String topic, byte @Nullable [] value) {
            String s = value == null ? null : new String(value, StandardCharsets.UTF_8);
            if ("poison".equals(s)) {
                throw new DataException("cannot read poison");
            }
            return new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, s);
        }
    }
    /** Subscriptions to each flaky source's records, by connector name. */
    static final Map<String, AtomicLong> SUBSCRIPTIONS = new ConcurrentHashMap<>();

    /** A list source whose first subscription fails with a retriable error after two records. */
    public static final class FlakySourceConnector extends SourceConnector {
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
        public Class<? extends SourceTask> taskClass() {
            return FlakySourceTask.class;
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
            return anything();
        }
    }

    public static final class FlakySourceTask extends SourceTask {
        private final ListSourceTask list = new ListSourceTask();
        private String name = "";

        @Override
        public String version() {
            return "1";
        }

        @Override
        public void initialize(io.tributary.connect.source.SourceTaskContext context) {
            super.initialize(context);
            list.initialize(context);
        }

        @Override
        public void start(Map<String, String> props) {
            list.start(props);
            name = props.get("name");
        }

        @Override
        public Flux<SourceRecord> records() {
            return Flux.defer(() -> SUBSCRIPTIONS.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet() == 1
                ? list.records().take(2).concatWith(Flux.error(new RetriableConnectException("source hiccup")))
                : list.records());
        }

        @Override
        public void stop() {
        }
    }
}
