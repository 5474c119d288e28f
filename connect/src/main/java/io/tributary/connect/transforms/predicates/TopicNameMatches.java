package io.tributary.connect.transforms.predicates;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.transforms.internal.ConfigValidators;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Holds for records whose whole topic name matches a regular expression. Same as Kafka Connect's
 * {@code TopicNameMatches}.
 *
 * <p>Settings: {@code pattern} (required), a non-empty Java regular expression.
 *
 * <pre>{@code
 * predicates=internal
 * predicates.internal.type=io.tributary.connect.transforms.predicates.TopicNameMatches
 * predicates.internal.pattern=_.*
 * }</pre>
 *
 * @param <R> source or sink records
 * @since 0.1
 */
public final class TopicNameMatches<R extends ConnectRecord<R>> implements Predicate<R> {
    public static final String PATTERN_CONFIG = "pattern";

    private Pattern pattern = Pattern.compile("");

    @Override
    public ConfigDef config() {
        return new ConfigDef()
            .define(PATTERN_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                ConfigValidators.all(ConfigValidators.nullOrNonEmpty(), ConfigValidators.regex()),
                ConfigDef.Importance.MEDIUM, "A Java regular expression for matching against the name of a record's "
                    + "topic.");
    }

    @Override
    public void configure(Map<String, ?> configs) {
        pattern = Pattern.compile(requireNonNull(config().parse(configs).getString(PATTERN_CONFIG)));
    }

    @Override
    public boolean test(R record) {
        return pattern.matcher(record.topic()).matches();
    }

    @Override
    public String toString() {
        return "TopicNameMatches{pattern=" + pattern + "}";
    }
}
