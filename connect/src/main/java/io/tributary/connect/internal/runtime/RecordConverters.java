package io.tributary.connect.internal.runtime;

import io.tributary.common.Header;
import io.tributary.connect.ConnectHeader;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.internal.isolation.Plugins;
import io.tributary.connect.storage.Converter;
import io.tributary.connect.storage.HeaderConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key, value and header converters of one task. A connector's own {@code key.converter},
 * {@code value.converter} or {@code header.converter} replaces the worker's, together with its prefixed settings
 * (the worker's prefixed settings then do not apply, as in Kafka Connect). The header converter (by default
 * {@link io.tributary.connect.storage.SimpleHeaderConverter}) converts each header value on its own. Owned by its
 * task and used on the task's thread only; {@link #close()} when the task stops.
 */
final class RecordConverters {
    private static final Logger LOG = LoggerFactory.getLogger(RecordConverters.class);
    private static final String HEADER_PREFIX = WorkerConfig.HEADER_CONVERTER + ".";

    private final Converter key;
    private final Converter value;
    private final HeaderConverter header;

    private RecordConverters(Converter key, Converter value, HeaderConverter header) {
        this.key = key;
        this.value = value;
        this.header = header;
    }

    /**
     * Creates and configures the converters of a connector's task.
     *
     * @throws io.tributary.connect.internal.isolation.PluginNotFoundException if a converter is unknown
     * @throws io.tributary.connect.config.ConfigException if a converter's settings are invalid
     */
    static RecordConverters create(Plugins plugins, WorkerConfig worker, ConnectorConfig connector) {
        return new RecordConverters(
            converter(plugins, connector.keyConverter(), connector, worker.keyConverter(), worker, "key.converter.",
                true),
            converter(plugins, connector.valueConverter(), connector, worker.valueConverter(), worker,
                "value.converter.", false),
            headerConverter(plugins, connector, worker));
    }

    /** The connector's {@code header.converter} if it sets one, else the worker's, configured. */
    private static HeaderConverter headerConverter(Plugins plugins, ConnectorConfig connector, WorkerConfig worker) {
        String ownName = connector.headerConverter();
        String name = ownName != null ? ownName : worker.headerConverter();
        Map<String, Object> settings = ownName != null ? connector.withPrefix(HEADER_PREFIX)
            : worker.withPrefix(HEADER_PREFIX);
        HeaderConverter c = plugins.newHeaderConverter(name);
        Plugins.withContextLoader(Plugins.loaderOf(c.getClass()), () -> {
            c.configure(settings);
            return c;
        });
        return c;
    }

    private static Converter converter(Plugins plugins, @Nullable String own, ConnectorConfig connector,
                                       String workerDefault, WorkerConfig worker, String prefix, boolean isKey) {
        String name = own != null ? own : workerDefault;
        Map<String, Object> settings = own != null ? connector.withPrefix(prefix) : worker.withPrefix(prefix);
        Converter c = plugins.newConverter(name);
        Plugins.withContextLoader(Plugins.loaderOf(c.getClass()), () -> {
            c.configure(settings, isKey);
            return c;
        });
        return c;
    }

    Converter key() {
        return key;
    }

    Converter value() {
        return value;
    }

    HeaderConverter header() {
        return header;
    }

    /**
     * Headers as written to Kafka: each value through the header converter, in order.
     *
     * @throws io.tributary.connect.errors.DataException if the header converter refuses a value
     */
    List<Header> toKafka(String topic, List<ConnectHeader> headers) {
        if (headers.isEmpty()) {
            return List.of();
        }
        List<Header> out = new ArrayList<>(headers.size());
        for (ConnectHeader h : headers) {
            out.add(new Header(h.key(), header.fromConnectHeader(topic, h.key(), h.schema(), h.value())));
        }
        return out;
    }

    /**
     * Headers as connectors and transforms see them: each value through the header converter, in order.
     *
     * @throws io.tributary.connect.errors.DataException if the header converter cannot read a value
     */
    List<ConnectHeader> toConnect(String topic, List<Header> headers) {
        if (headers.isEmpty()) {
            return List.of();
        }
        List<ConnectHeader> out = new ArrayList<>(headers.size());
        for (Header h : headers) {
            SchemaAndValue v = header.toConnectHeader(topic, h.key(), h.value());
            out.add(new ConnectHeader(h.key(), v.schema(), v.value()));
        }
        return out;
    }

    /** Closes the header converter; a failure is logged, not thrown. */
    void close() {
        try {
            header.close();
        } catch (RuntimeException e) {
            LOG.warn("Failed to close header converter {}", header.getClass().getName(), e);
        }
    }
}
