package io.tributary.cli.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One {@code key=value} argument ({@code --config retention.ms=1000}, {@code --header source=cli}); the value may
 * be empty and may itself contain {@code =}.
 *
 * @param key   the part before the first {@code =}, never empty
 * @param value the part after it
 */
public record KeyValue(String key, String value) {
    /** The picocli converter: anything without a key before an {@code =} is a usage error (exit code 2). */
    public static final class Converter implements ITypeConverter<KeyValue> {
        @Override
        public KeyValue convert(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new TypeConversionException("'" + text + "' is not KEY=VALUE");
            }
            return new KeyValue(text.substring(0, eq).trim(), text.substring(eq + 1));
        }
    }

    /** The pairs as a map in the order given; a later value of the same key wins. */
    public static Map<String, String> toMap(List<KeyValue> pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        pairs.forEach(p -> map.put(p.key(), p.value()));
        return map;
    }
}
