package io.tributary.admin;

import static java.util.Objects.requireNonNull;

/**
 * Something with configs: a topic, or a broker (by node id, or {@code ""} for the cluster-wide broker default).
 *
 * @param type the kind of resource
 * @param name the topic name, the broker's node id, or {@code ""} for the broker default
 * @since 0.1
 */
public record ConfigResource(Type type, String name) {
    /** The kinds of resource this client describes and alters, with their wire codes. */
    public enum Type {
        TOPIC((byte) 2),
        BROKER((byte) 4);

        private final byte code;

        Type(byte code) {
            this.code = code;
        }

        /** The resource type's code in DescribeConfigs and IncrementalAlterConfigs. */
        public byte code() {
            return code;
        }
    }

    /**
     * @throws IllegalArgumentException if a topic's name is empty, or a broker's is neither {@code ""} nor a
     *                                  non-negative node id
     */
    public ConfigResource {
        requireNonNull(type, "type");
        requireNonNull(name, "name");
        if (type == Type.TOPIC && name.isEmpty()) {
            throw new IllegalArgumentException("A topic resource needs a topic name");
        }
        if (type == Type.BROKER && !name.isEmpty() && !name.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("A broker resource is named by its node id or \"\", was '" + name
                + "'");
        }
    }

    /** The configs of a topic. */
    public static ConfigResource topic(String name) {
        return new ConfigResource(Type.TOPIC, name);
    }

    /** The configs of one broker. */
    public static ConfigResource broker(int nodeId) {
        if (nodeId < 0) {
            throw new IllegalArgumentException("nodeId must not be negative, was " + nodeId);
        }
        return new ConfigResource(Type.BROKER, Integer.toString(nodeId));
    }

    /** The cluster-wide default of dynamic broker configs. */
    public static ConfigResource brokerDefault() {
        return new ConfigResource(Type.BROKER, "");
    }

    @Override
    public String toString() {
        return type == Type.TOPIC ? "topic " + name : name.isEmpty() ? "broker default" : "broker " + name;
    }
}
