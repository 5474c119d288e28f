package io.tributary.admin;

import java.util.List;
import java.util.Optional;

/**
 * The configs of one resource, as {@link TributaryAdmin#describeConfigs} finds them.
 *
 * @param resource the topic or broker
 * @param entries  its configs, in the broker's order
 * @since 0.1
 */
public record Config(ConfigResource resource, List<ConfigEntry> entries) {
    public Config {
        entries = List.copyOf(entries);
    }

    /** The config named {@code name}, if the resource has it. */
    public Optional<ConfigEntry> entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
