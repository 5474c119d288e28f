package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.config.BrokerConfigDef;
import io.tributary.broker.internal.config.ConfigKey;
import io.tributary.broker.internal.config.ConfigSource;
import io.tributary.broker.internal.config.ConfigType;
import io.tributary.broker.internal.config.DynamicBrokerConfigs;
import io.tributary.broker.internal.config.ResolvedConfig;
import io.tributary.broker.internal.config.TopicConfigDef;
import io.tributary.broker.internal.metadata.Topic;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared by DescribeConfigs, AlterConfigs and IncrementalAlterConfigs: the config resources of this broker (topics
 * and the broker itself, by node id or "" for the cluster-wide default) and how changes apply to them.
 */
final class ConfigResources {
    static final byte TOPIC = 2;
    static final byte BROKER = 4;

    static final byte SET = 0;
    static final byte DELETE = 1;
    static final byte APPEND = 2;
    static final byte SUBTRACT = 3;

    private ConfigResources() {
    }

    /** Fails with INVALID_REQUEST unless the resource is a topic or this broker. */
    static void checkType(BrokerContext broker, byte type, String name) {
        if (type == TOPIC) {
            return;
        }
        if (type == BROKER) {
            if (!name.isEmpty() && !name.equals(Integer.toString(broker.nodeId()))) {
                throw ErrorCode.INVALID_REQUEST.exception("Broker " + name + " is not this broker ("
                    + broker.nodeId() + ")");
            }
            return;
        }
        throw ErrorCode.INVALID_REQUEST.exception("Config resource type " + type + " is not supported");
    }

    /** The effective configs of a resource. */
    static List<ResolvedConfig> describe(BrokerContext broker, byte type, String name) {
        checkType(broker, type, name);
        if (type == TOPIC) {
            Topic topic = broker.topics().require(name);
            return new ArrayList<>(broker.configs().topicConfigs(topic.configs()).values());
        }
        List<ResolvedConfig> out = new ArrayList<>();
        Map<String, String> dynamic = broker.configs().dynamic().values();
        for (ConfigKey key : BrokerConfigDef.DEF.keys()) {
            if (!key.effective() && !broker.config().isSet(key.name())) {
                continue;
            }
            List<ResolvedConfig.Synonym> chain = new ArrayList<>();
            if (dynamic.containsKey(key.name())) {
                chain.add(new ResolvedConfig.Synonym(key.name(), dynamic.get(key.name()),
                    ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG));
            }
            if (broker.config().isSet(key.name())) {
                chain.add(new ResolvedConfig.Synonym(key.name(), broker.config().originals().get(key.name()),
                    ConfigSource.STATIC_BROKER_CONFIG));
            }
            if (key.defaultValue() != null) {
                chain.add(new ResolvedConfig.Synonym(key.name(), key.defaultValue(), ConfigSource.DEFAULT_CONFIG));
            }
            ResolvedConfig.Synonym top = chain.isEmpty()
                ? new ResolvedConfig.Synonym(key.name(), null, ConfigSource.DEFAULT_CONFIG) : chain.get(0);
            out.add(new ResolvedConfig(key.name(), top.value(), top.source(), chain, key));
        }
        return out;
    }

    /** Whether a broker config may change at run time; topic configs always may. */
    static boolean readOnly(byte type, String name) {
        return type == BROKER && !DynamicBrokerConfigs.isDynamic(name);
    }

    /** Replaces the whole override set of a resource (AlterConfigs). */
    static void replace(BrokerContext broker, byte type, String name, Map<String, String> configs,
                        boolean validateOnly) {
        checkType(broker, type, name);
        if (type == TOPIC) {
            broker.topics().replaceConfigs(name, configs, validateOnly);
        } else if (validateOnly) {
            DynamicBrokerConfigs.validate(configs);
        } else {
            broker.configs().dynamic().replace(configs);
            broker.partitions().refreshConfigs();
        }
    }

    /** The override set of a resource after applying incremental operations (IncrementalAlterConfigs). */
    static Map<String, String> applyIncremental(BrokerContext broker, byte type, String name,
                                               List<Op> ops) {
        checkType(broker, type, name);
        Map<String, String> current = new LinkedHashMap<>(type == TOPIC
            ? broker.topics().require(name).configs() : broker.configs().dynamic().values());
        for (Op op : ops) {
            ConfigKey key = type == TOPIC ? TopicConfigDef.DEF.key(op.name()) : BrokerConfigDef.DEF.key(op.name());
            if (key == null) {
                throw ErrorCode.INVALID_CONFIG.exception("Unknown config " + op.name());
            }
            switch (op.operation()) {
                case SET -> current.put(op.name(), op.value());
                case DELETE -> current.remove(op.name());
                case APPEND, SUBTRACT -> {
                    if (key.type() != ConfigType.LIST) {
                        throw ErrorCode.INVALID_CONFIG.exception("Config " + op.name()
                            + " is not a list; APPEND and SUBTRACT need a list config");
                    }
                    List<String> values = new ArrayList<>(listValue(broker, type, current, key));
                    List<String> given = op.value() == null ? List.of() : Arrays.stream(op.value().split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList();
                    if (op.operation() == APPEND) {
                        given.stream().filter(v -> !values.contains(v)).forEach(values::add);
                    } else {
                        values.removeAll(given);
                    }
                    current.put(op.name(), String.join(",", values));
                }
                default -> throw ErrorCode.INVALID_REQUEST.exception("Unknown config operation "
                    + op.operation());
            }
        }
        return current;
    }

    private static List<String> listValue(BrokerContext broker, byte type, Map<String, String> current,
                                          ConfigKey key) {
        String v = current.get(key.name());
        if (v == null && type == TOPIC) {
            Object effective = broker.configs().topicValue(Map.of(), key.name());
            @SuppressWarnings("unchecked")
            List<String> list = (List<String>) effective;
            return list;
        }
        if (v == null) {
            v = key.defaultValue() == null ? "" : key.defaultValue();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** One incremental operation. */
    record Op(String name, byte operation, String value) {
    }

    /** A refused change as the API error to answer; invalid values (parse failures) are INVALID_CONFIG. */
    static ApiException unwrap(RuntimeException e) {
        return e instanceof ApiException api ? api : ErrorCode.INVALID_CONFIG.exception(e.getMessage());
    }
}
