package io.tributary.connect.transforms;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.transforms.internal.ConfigValidators;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Renames the record's topic where the whole topic name matches a regular expression, replacing it with
 * {@link Matcher#replaceFirst} (so {@code $1} refers to a group); other records pass unchanged. Settings and
 * behaviour are those of Kafka Connect's {@code RegexRouter}.
 *
 * <p>Settings: {@code regex} and {@code replacement}, both required.
 *
 * <pre>{@code
 * transforms=route
 * transforms.route.type=io.tributary.connect.transforms.RegexRouter
 * transforms.route.regex=(.*)-raw
 * transforms.route.replacement=$1-clean
 * }</pre>
 *
 * @param <R> source or sink records
 * @since 0.1
 */
public final class RegexRouter<R extends ConnectRecord<R>> implements Transformation<R> {
    public static final String REGEX_CONFIG = "regex";
    public static final String REPLACEMENT_CONFIG = "replacement";

    private Pattern regex = Pattern.compile("");
    private String replacement = "";

    @Override
    public ConfigDef config() {
        return new ConfigDef()
            .define(REGEX_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigValidators.regex(),
                ConfigDef.Importance.HIGH, "Regular expression the whole topic name must match.")
            .define(REPLACEMENT_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH,
                "Replacement string, which may refer to groups of the regex as $1, $2, ...");
    }

    @Override
    public void configure(Map<String, ?> configs) {
        ParsedConfig config = config().parse(configs);
        regex = Pattern.compile(requireNonNull(config.getString(REGEX_CONFIG)));
        replacement = requireNonNull(config.getString(REPLACEMENT_CONFIG));
    }

    @Override
    public @Nullable R apply(R record) {
        Matcher matcher = regex.matcher(record.topic());
        if (!matcher.matches()) {
            return record;
        }
        return record.newRecord(matcher.replaceFirst(replacement), record.kafkaPartition(), record.keySchema(),
            record.key(), record.valueSchema(), record.value(), record.timestamp());
    }
}
