package io.tributary.broker.internal.config;

import io.tributary.broker.BrokerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Computes effective configs with Kafka's precedence: topic override, then dynamic broker value, then the static
 * {@code server.properties} value, then the default. Broker synonyms in other units (log.retention.hours,
 * log.roll.hours, log.retention.minutes) are converted to milliseconds. Thread-safe.
 */
public final class ConfigResolver {
    private final BrokerConfig staticConfig;
    private final DynamicBrokerConfigs dynamic;

    public ConfigResolver(BrokerConfig staticConfig, DynamicBrokerConfigs dynamic) {
        this.staticConfig = staticConfig;
        this.dynamic = dynamic;
    }

    public DynamicBrokerConfigs dynamic() {
        return dynamic;
    }

    public BrokerConfig staticConfig() {
        return staticConfig;
    }

    /** Every topic config of a topic with its effective value and source. */
    public Map<String, ResolvedConfig> topicConfigs(Map<String, String> overrides) {
        Map<String, ResolvedConfig> out = new LinkedHashMap<>();
        for (ConfigKey key : TopicConfigDef.DEF.keys()) {
            out.put(key.name(), resolveTopic(key, overrides));
        }
        return out;
    }

    /** The parsed effective value of one topic config. */
    public Object topicValue(Map<String, String> overrides, String name) {
        ConfigKey key = TopicConfigDef.DEF.key(name);
        if (key == null) {
            throw new ConfigException(name, "Unknown topic config " + name);
        }
        ResolvedConfig r = resolveTopic(key, overrides);
        return key.parse(r.value() == null ? key.defaultValue() : r.value());
    }

    private ResolvedConfig resolveTopic(ConfigKey key, Map<String, String> overrides) {
        List<ResolvedConfig.Synonym> chain = new ArrayList<>();
        String override = overrides.get(key.name());
        if (override != null) {
            chain.add(new ResolvedConfig.Synonym(key.name(), override, ConfigSource.DYNAMIC_TOPIC_CONFIG));
        }
        for (String broker : TopicConfigDef.SYNONYMS.getOrDefault(key.name(), List.of())) {
            String d = dynamic.values().get(broker);
            if (d != null) {
                chain.add(new ResolvedConfig.Synonym(broker, d, ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG));
            }
        }
        for (String broker : TopicConfigDef.SYNONYMS.getOrDefault(key.name(), List.of())) {
            if (staticConfig.isSet(broker)) {
                chain.add(new ResolvedConfig.Synonym(broker, staticConfig.originals().get(broker),
                    ConfigSource.STATIC_BROKER_CONFIG));
            }
        }
        String topLevelValue;
        ConfigSource source;
        if (chain.isEmpty()) {
            String brokerDefault = brokerDefault(key.name());
            topLevelValue = brokerDefault != null ? brokerDefault : key.defaultValue();
            source = ConfigSource.DEFAULT_CONFIG;
            chain.add(new ResolvedConfig.Synonym(key.name(), topLevelValue, source));
        } else {
            ResolvedConfig.Synonym first = chain.get(0);
            topLevelValue = inTopicUnits(first.name(), first.value());
            source = first.source();
        }
        return new ResolvedConfig(key.name(), topLevelValue, source, chain, key);
    }

    /** The broker default of a topic config whose broker synonym has its own, different default (hours). */
    private static @Nullable String brokerDefault(String topicConfig) {
        List<String> synonyms = TopicConfigDef.SYNONYMS.getOrDefault(topicConfig, List.of());
        for (String s : synonyms) {
            ConfigKey k = BrokerConfigDef.DEF.key(s);
            if (k != null && k.defaultValue() != null) {
                return inTopicUnits(s, k.defaultValue());
            }
        }
        return null;
    }

    private static @Nullable String inTopicUnits(String brokerKey, @Nullable String value) {
        if (value == null) {
            return null;
        }
        return switch (brokerKey) {
            case "log.retention.hours", "log.roll.hours" -> Long.toString(Long.parseLong(value.trim()) * 3_600_000L);
            case "log.retention.minutes" -> Long.toString(Long.parseLong(value.trim()) * 60_000L);
            default -> value;
        };
    }
}
