package io.tributary.connect.internal.runtime;

import io.tributary.common.Header;
import io.tributary.connect.ConnectHeader;
import io.tributary.connect.data.Values;
import io.tributary.connect.internal.isolation.Plugins;
import io.tributary.connect.storage.Converter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The key and value converters of one task, and the conversion of headers. A connector's own
 * {@code key.converter}/{@code value.converter} replaces the worker's, together with its prefixed settings (the
 * worker's prefixed settings then do not apply, as in Kafka Connect). Headers are written as strings, bytes as they
 * are, and read back as optional strings. Used on the task's thread only.
 */
final class RecordConverters {
    private final Converter key;
    private final Converter value;

    private RecordConverters(Converter key, Converter value) {
        this.key = key;
        this.value = value;
    }

    /** Creates and configures the converters of a connector's task. */
    static RecordConverters create(Plugins plugins, WorkerConfig worker, ConnectorConfig connector) {
        return new RecordConverters(
            converter(plugins, connector.keyConverter(), connector, worker.keyConverter(), worker, "key.converter.",
                true),
            converter(plugins, connector.valueConverter(), connector, worker.valueConverter(), worker,
                "value.converter.", false));
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

    /** Headers as written to Kafka. */
    static List<Header> toKafka(List<ConnectHeader> headers) {
        if (headers.isEmpty()) {
            return List.of();
        }
        List<Header> out = new ArrayList<>(headers.size());
        for (ConnectHeader h : headers) {
            Object v = h.value();
            byte[] bytes = v == null ? null : v instanceof byte[] || v instanceof ByteBuffer ? Values.bytes(v)
                : String.valueOf(v).getBytes(StandardCharsets.UTF_8);
            out.add(new Header(h.key(), bytes));
        }
        return out;
    }

    /** Headers as connectors and transforms see them. */
    static List<ConnectHeader> toConnect(List<Header> headers) {
        if (headers.isEmpty()) {
            return List.of();
        }
        List<ConnectHeader> out = new ArrayList<>(headers.size());
        for (Header h : headers) {
            byte[] v = h.value();
            out.add(ConnectHeader.of(h.key(), v == null ? null : new String(v, StandardCharsets.UTF_8)));
        }
        return out;
    }
}
