package io.tributary.cli;

import io.tributary.admin.ConfigResource;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Whose configs a {@code configs} command is about: exactly one of a topic, a broker, or the broker default. */
final class ConfigTarget {
    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "A topic's configs.")
    @Nullable String topic;

    @Option(names = "--broker", required = true, paramLabel = "ID", description = "The configs of broker ID.")
    @Nullable Integer broker;

    @Option(names = "--broker-defaults", required = true,
        description = "The cluster-wide defaults of dynamic broker configs.")
    boolean brokerDefaults;

    ConfigResource resource() {
        if (topic != null) {
            return ConfigResource.topic(topic);
        }
        return broker != null ? ConfigResource.broker(broker) : ConfigResource.brokerDefault();
    }
}
