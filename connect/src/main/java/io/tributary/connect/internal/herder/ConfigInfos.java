package io.tributary.connect.internal.herder;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PUT /connector-plugins/{plugin}/config/validate}: every key the connector and the runtime
 * accept, with its definition and the value's errors.
 *
 * @param name       the connector class
 * @param errorCount how many keys have errors
 * @param groups     the definition groups, in order
 */
public record ConfigInfos(String name, int errorCount, List<String> groups, List<ConfigInfo> configs) {
    public ConfigInfos {
        groups = List.copyOf(groups);
        configs = List.copyOf(configs);
    }

    public record ConfigInfo(KeyInfo definition, ValueInfo value) {
    }

    /** A key's definition, as {@code GET /connector-plugins/{plugin}/config} lists it too. */
    public record KeyInfo(String name, String type, boolean required, @Nullable String defaultValue,
                          String importance, String documentation, @Nullable String group, int orderInGroup,
                          String width, String displayName, List<String> dependents) {
        public KeyInfo {
            dependents = List.copyOf(dependents);
        }
    }

    public record ValueInfo(String name, @Nullable String value, List<String> recommendedValues,
                            List<String> errors, boolean visible) {
        public ValueInfo {
            recommendedValues = List.copyOf(recommendedValues);
            errors = List.copyOf(errors);
        }
    }
}
