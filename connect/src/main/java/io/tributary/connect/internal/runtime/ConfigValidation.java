package io.tributary.connect.internal.runtime;

import io.tributary.connect.Connector;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ConfigValue;
import io.tributary.connect.internal.herder.ConfigInfos;
import io.tributary.connect.internal.herder.ConnectRestException;
import io.tributary.connect.internal.isolation.PluginNotFoundException;
import io.tributary.connect.internal.isolation.PluginType;
import io.tributary.connect.internal.isolation.Plugins;
import io.tributary.connect.sink.SinkConnector;
import io.tributary.connect.source.ConnectorTransactionBoundaries;
import io.tributary.connect.source.ExactlyOnceSupport;
import io.tributary.connect.source.SourceConnector;
import io.tributary.connect.transforms.TransformChain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Validates a connector configuration key by key, as {@code PUT /connector-plugins/{plugin}/config/validate}
 * answers and as creating a connector requires: the runtime's keys (with a sink's topic rules), the converters
 * named, the transforms and predicates with their own settings, and the connector's own {@code validate}. Blocking
 * (plugins are instantiated); stateless.
 */
public final class ConfigValidation {
    private ConfigValidation() {
    }

    /**
     * Every key's definition and errors.
     *
     * @throws ConnectRestException 400 if there is no {@code connector.class} or it names no installed connector
     */
    public static ConfigInfos validate(Plugins plugins, Map<String, String> config) {
        return validate(plugins, config, false);
    }

    /**
     * Every key's definition and errors; on an exactly-once worker ({@code exactlyOnce}), a source connector must
     * also support what {@code exactly.once.support=required} and {@code transaction.boundary=connector} ask of it.
     *
     * @throws ConnectRestException 400 if there is no {@code connector.class} or it names no installed connector
     */
    public static ConfigInfos validate(Plugins plugins, Map<String, String> config, boolean exactlyOnce) {
        String connectorClass = config.get(ConnectorConfig.CONNECTOR_CLASS);
        if (connectorClass == null || connectorClass.isBlank()) {
            throw ConnectRestException.badRequest("Connector config " + config + " contains no connector type");
        }
        Connector connector;
        try {
            connector = plugins.newConnector(connectorClass);
        } catch (PluginNotFoundException e) {
            throw new ConnectRestException(400, e.getMessage(), e);
        }
        boolean sink = connector instanceof SinkConnector;
        ClassLoader loader = Plugins.loaderOf(connector.getClass());
        ConfigDef runtime = ConnectorConfig.definition(sink);
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (ConfigValue v : runtime.validate(config)) {
            entries.put(v.name(), new Entry(runtime.configKeys().get(v.name()), new ArrayList<>(v.errors()), v));
        }
        if (sink) {
            for (String error : ConnectorConfig.sinkTopicErrors(config)) {
                entries.get(ConnectorConfig.TOPICS).errors().add(error);
                entries.get(ConnectorConfig.TOPICS_REGEX).errors().add(error);
            }
        }
        if (exactlyOnce && connector instanceof SourceConnector source) {
            Plugins.withContextLoader(loader, () -> {
                checkExactlyOnce(source, config, entries);
                return null;
            });
        }
        checkConverter(plugins, config, ConnectorConfig.KEY_CONVERTER, PluginType.CONVERTER, entries);
        checkConverter(plugins, config, ConnectorConfig.VALUE_CONVERTER, PluginType.CONVERTER, entries);
        checkConverter(plugins, config, ConnectorConfig.HEADER_CONVERTER, PluginType.HEADER_CONVERTER, entries);
        for (ConfigValue v : Plugins.withContextLoader(loader, () -> TransformChain.validate(config, loader))) {
            Entry existing = entries.get(v.name());
            if (existing != null) {
                existing.errors().addAll(v.errors());
            } else {
                entries.put(v.name(), new Entry(null, new ArrayList<>(v.errors()), v));
            }
        }
        ConfigDef own = connector.config();
        List<ConfigValue> ownValues = Plugins.withContextLoader(loader, () -> connector.validate(config));
        for (ConfigValue v : ownValues) {
            Entry existing = entries.get(v.name());
            if (existing != null) {
                existing.errors().addAll(v.errors());
            } else {
                entries.put(v.name(), new Entry(own.configKeys().get(v.name()), new ArrayList<>(v.errors()), v));
            }
        }
        return infos(connector.getClass().getName(), runtime, own, entries);
    }

    /** A key's definition (null for a transform setting), errors so far, and reported value. */
    private record Entry(ConfigDef.@Nullable ConfigKey key, List<String> errors, ConfigValue value) {
    }

    private static void checkExactlyOnce(SourceConnector connector, Map<String, String> config,
                                         Map<String, Entry> entries) {
        Entry support = entries.get(SourceTransactionConfig.EXACTLY_ONCE_SUPPORT);
        if ("required".equals(config.get(SourceTransactionConfig.EXACTLY_ONCE_SUPPORT)) && support.errors().isEmpty()
            && connector.exactlyOnceSupport(config) != ExactlyOnceSupport.SUPPORTED) {
            support.errors().add("The connector does not support exactly-once delivery with this configuration");
        }
        Entry boundary = entries.get(SourceTransactionConfig.TRANSACTION_BOUNDARY);
        if ("connector".equals(config.get(SourceTransactionConfig.TRANSACTION_BOUNDARY))
            && boundary.errors().isEmpty()
            && connector.canDefineTransactionBoundaries(config) != ConnectorTransactionBoundaries.SUPPORTED) {
            boundary.errors().add("The connector does not define transaction boundaries with this configuration");
        }
    }

    private static void checkConverter(Plugins plugins, Map<String, String> config, String key, PluginType type,
                                       Map<String, Entry> entries) {
        String name = config.get(key);
        if (name == null || name.isBlank()) {
            return;
        }
        try {
            plugins.find(name, type);
        } catch (PluginNotFoundException e) {
            entries.get(key).errors().add(e.getMessage());
        }
    }

    private static ConfigInfos infos(String name, ConfigDef runtime, ConfigDef own, Map<String, Entry> entries) {
        Set<String> groups = new LinkedHashSet<>();
        List<ConfigInfos.ConfigInfo> configs = new ArrayList<>();
        int errorCount = 0;
        for (Entry e : entries.values()) {
            ConfigInfos.KeyInfo key = e.key() != null ? keyInfo(e.key()) : transformKey(e.value().name());
            if (key.group() != null) {
                groups.add(key.group());
            }
            if (!e.errors().isEmpty()) {
                errorCount++;
            }
            ConfigValue v = e.value();
            configs.add(new ConfigInfos.ConfigInfo(key, new ConfigInfos.ValueInfo(v.name(), v.value(),
                v.recommendedValues().stream().map(String::valueOf).toList(), List.copyOf(e.errors()),
                v.visible())));
        }
        return new ConfigInfos(name, errorCount, List.copyOf(groups), configs);
    }

    /** A key's definition as the REST API shows it. */
    public static ConfigInfos.KeyInfo keyInfo(ConfigDef.ConfigKey k) {
        Object d = k.defaultValue();
        String defaultValue = !k.hasDefault() || d == null ? null
            : d instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
            : d instanceof Class<?> c ? c.getName() : String.valueOf(d);
        return new ConfigInfos.KeyInfo(k.name(), k.type().name(), !k.hasDefault(), defaultValue,
            k.importance().name(), k.documentation(), k.group(), k.orderInGroup(), k.width().name(),
            k.displayName(), k.dependents());
    }

    private static ConfigInfos.KeyInfo transformKey(String name) {
        String[] parts = name.split("\\.", 3);
        String group = parts.length == 3 ? (parts[0].equals(ConnectorConfig.PREDICATES) ? "Predicates: "
            : "Transforms: ") + parts[1] : null;
        return new ConfigInfos.KeyInfo(name, ConfigDef.Type.STRING.name(), false, null,
            ConfigDef.Importance.LOW.name(), "", group, -1, ConfigDef.Width.NONE.name(), name, List.of());
    }

    /** Every error of a validation, as {@code key: error} lines. */
    public static List<String> errors(ConfigInfos infos) {
        List<String> out = new ArrayList<>();
        for (ConfigInfos.ConfigInfo c : infos.configs()) {
            for (String error : c.value().errors()) {
                out.add(c.value().name() + ": " + error);
            }
        }
        return out;
    }
}
