package io.tributary.connect.transforms.internal;

import io.tributary.connect.config.ConfigException;
import io.tributary.connect.transforms.Cast;
import io.tributary.connect.transforms.ExtractField;
import io.tributary.connect.transforms.Filter;
import io.tributary.connect.transforms.Flatten;
import io.tributary.connect.transforms.HoistField;
import io.tributary.connect.transforms.InsertField;
import io.tributary.connect.transforms.MaskField;
import io.tributary.connect.transforms.RegexRouter;
import io.tributary.connect.transforms.ReplaceField;
import io.tributary.connect.transforms.TimestampConverter;
import io.tributary.connect.transforms.TimestampRouter;
import io.tributary.connect.transforms.ValueToKey;
import io.tributary.connect.transforms.predicates.HasHeaderKey;
import io.tributary.connect.transforms.predicates.RecordIsTombstone;
import io.tributary.connect.transforms.predicates.TopicNameMatches;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds and instantiates the transform and predicate classes a connector configuration names. The built-ins answer
 * to their own names, to the names of their Kafka Connect counterparts ({@code
 * org.apache.kafka.connect.transforms.InsertField$Value}), with {@code .} or {@code $} before a nested class, and to
 * their short names ({@code InsertField$Value}, {@code RegexRouter}), so that Kafka Connect configurations can be
 * pasted; other classes load through the caller's class loader. Thread-safe.
 */
public final class PluginLoader {
    private static final String KAFKA_TRANSFORMS = "org.apache.kafka.connect.transforms.";
    private static final String KAFKA_PREDICATES = KAFKA_TRANSFORMS + "predicates.";
    private static final Map<String, Class<?>> BUILT_INS = builtIns();

    private PluginLoader() {
    }

    private static Map<String, Class<?>> builtIns() {
        Map<String, Class<?>> names = new HashMap<>();
        List<Class<?>> transforms = List.of(Cast.Key.class, Cast.Value.class, ExtractField.Key.class,
            ExtractField.Value.class, Flatten.Key.class, Flatten.Value.class, HoistField.Key.class,
            HoistField.Value.class, InsertField.Key.class, InsertField.Value.class, MaskField.Key.class,
            MaskField.Value.class, ReplaceField.Key.class, ReplaceField.Value.class, TimestampConverter.Key.class,
            TimestampConverter.Value.class, ValueToKey.class, RegexRouter.class, TimestampRouter.class,
            Filter.class);
        List<Class<?>> predicates = List.of(TopicNameMatches.class, HasHeaderKey.class, RecordIsTombstone.class);
        transforms.forEach(c -> register(names, c, KAFKA_TRANSFORMS));
        predicates.forEach(c -> register(names, c, KAFKA_PREDICATES));
        return Map.copyOf(names);
    }

    private static void register(Map<String, Class<?>> names, Class<?> type, String kafkaPackage) {
        String shortName = type.getName().substring(type.getPackageName().length() + 1);
        for (String name : List.of(shortName, kafkaPackage + shortName, type.getName())) {
            names.put(name, type);
            names.put(name.replace('$', '.'), type);
        }
    }

    /**
     * Loads the class called {@code className} and checks that it is a concrete {@code kind} with a public no-arg
     * constructor.
     *
     * @param key the setting that names the class, for error messages
     * @throws ConfigException if it cannot be found or is not such a class
     */
    public static Class<?> load(String key, String className, Class<?> kind, ClassLoader loader) {
        Class<?> type = BUILT_INS.get(className);
        if (type == null) {
            try {
                type = Class.forName(className, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ConfigException(key, className, "Class " + className + " could not be found.");
            }
        }
        if (!kind.isAssignableFrom(type)) {
            String hint = className.startsWith(KAFKA_TRANSFORMS) ? " Of Kafka Connect's own transforms and "
                + "predicates, only those Tributary has built in can be used." : "";
            throw new ConfigException(key, className, "Class " + type.getName() + " is not a " + kind.getName()
                + "." + hint);
        }
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            throw new ConfigException(key, className, "Class " + type.getName() + " is abstract; name a concrete "
                + "class, e.g. its Key or Value variant.");
        }
        return type;
    }

    /**
     * A new instance of {@code type}, made by its public no-arg constructor.
     *
     * @throws ConfigException if that fails
     */
    public static <T> T instantiate(String key, Class<?> type, Class<T> kind) {
        try {
            return kind.cast(type.getConstructor().newInstance());
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new ConfigException(key, type.getName(), "Class " + type.getName()
                + " has no public no-argument constructor.");
        } catch (InvocationTargetException e) {
            ConfigException failure = new ConfigException(key, type.getName(), "Could not instantiate class "
                + type.getName() + ": " + e.getCause());
            failure.initCause(e.getCause());
            throw failure;
        }
    }
}
