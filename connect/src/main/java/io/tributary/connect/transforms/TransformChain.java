package io.tributary.connect.transforms;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigException;
import io.tributary.connect.config.ConfigValue;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.transforms.internal.ChainSettings;
import io.tributary.connect.transforms.internal.ChainValidator;
import io.tributary.connect.transforms.internal.PluginLoader;
import io.tributary.connect.transforms.internal.TransformStage;
import io.tributary.connect.transforms.predicates.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The transforms of one connector, built from its configuration and applied to each record in order, as Kafka
 * Connect configures them:
 *
 * <pre>{@code
 * transforms=route,dropTombstones
 * transforms.route.type=org.apache.kafka.connect.transforms.RegexRouter
 * transforms.route.regex=(.*)-raw
 * transforms.route.replacement=$1
 * transforms.dropTombstones.type=io.tributary.connect.transforms.Filter
 * transforms.dropTombstones.predicate=isTombstone
 * predicates=isTombstone
 * predicates.isTombstone.type=io.tributary.connect.transforms.predicates.RecordIsTombstone
 * }</pre>
 *
 * <p>{@code transforms} lists aliases in the order they apply. Each alias has a {@code type} (a class name), an
 * optional {@code predicate} (an alias listed in {@code predicates}) and {@code negate} (default false; apply where
 * the predicate does not hold); its other settings go to the transform's {@code configure} without the
 * {@code transforms.<alias>.} prefix. Each predicate alias has a {@code type} and settings of its own. Class names may
 * be those of the built-ins or of their Kafka Connect counterparts ({@code
 * org.apache.kafka.connect.transforms.InsertField$Value}, {@code
 * org.apache.kafka.connect.transforms.predicates.TopicNameMatches}), which map onto the built-ins; other classes load
 * through the given class loader and must implement {@link Transformation} or {@link Predicate}. Every transform
 * stage gets its own predicate instance.
 *
 * <p>Not thread-safe: one task thread applies a chain, as {@link Transformation} expects. Exceptions of transforms
 * and predicates pass through {@link #apply} unchanged.
 *
 * @param <R> source or sink records
 * @since 0.1
 */
public final class TransformChain<R extends ConnectRecord<R>> implements AutoCloseable {
    /** The setting that lists the transform aliases, in order. */
    public static final String TRANSFORMS_CONFIG = ChainSettings.TRANSFORMS;
    /** The setting that lists the predicate aliases. */
    public static final String PREDICATES_CONFIG = ChainSettings.PREDICATES;

    private final List<TransformStage<R>> stages;

    private TransformChain(List<TransformStage<R>> stages) {
        this.stages = List.copyOf(stages);
    }

    /** A chain without transforms, which returns every record as it is. */
    public static <R extends ConnectRecord<R>> TransformChain<R> empty() {
        return new TransformChain<>(List.of());
    }

    /**
     * Builds and configures the chain a connector configuration describes; keys outside {@code transforms} and
     * {@code predicates} are ignored. Built-ins need no class loader; other classes load through this class's.
     *
     * @throws ConfigException naming the alias and the key at fault, if any part is missing or invalid
     */
    public static <R extends ConnectRecord<R>> TransformChain<R> create(Map<String, ?> config) {
        return create(config, TransformChain.class.getClassLoader());
    }

    /**
     * Builds and configures the chain a connector configuration describes, loading classes that are not built in
     * through {@code loader} (a connector's plugin class loader).
     *
     * @throws ConfigException naming the alias and the key at fault, if any part is missing or invalid
     */
    public static <R extends ConnectRecord<R>> TransformChain<R> create(Map<String, ?> config, ClassLoader loader) {
        requireNonNull(config, "config");
        requireNonNull(loader, "loader");
        ChainSettings settings = ChainSettings.parse(config);
        List<TransformStage<R>> stages = new ArrayList<>();
        try {
            for (String alias : settings.transformAliases()) {
                stages.add(stage(settings, alias, loader));
            }
        } catch (RuntimeException e) {
            new TransformChain<>(stages).close();
            throw e;
        }
        return new TransformChain<>(stages);
    }

    private static <R extends ConnectRecord<R>> TransformStage<R> stage(ChainSettings settings, String alias,
                                                                        ClassLoader loader) {
        Transformation<R> transformation = transformation(settings, alias, loader);
        Predicate<R> predicate = null;
        try {
            String predicateAlias = settings.predicateOf(alias);
            if (predicateAlias != null) {
                predicate = predicate(settings, alias, predicateAlias, loader);
            }
            boolean negate = ChainSettings.failingFor("transform '" + alias + "'", () -> settings.negateOf(alias));
            return new TransformStage<>(alias, transformation, predicate, negate);
        } catch (RuntimeException e) {
            closeQuietly(transformation, e);
            closeQuietly(predicate, e);
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static <R extends ConnectRecord<R>> Transformation<R> transformation(ChainSettings settings, String alias,
                                                                                 ClassLoader loader) {
        String key = ChainSettings.transformKey(alias, ChainSettings.TYPE);
        return configured("transform '" + alias + "'", settings.required(key, "transform '" + alias + "'"), key,
            Transformation.class, loader, t -> t.configure(settings.transformConfigs(alias)));
    }

    @SuppressWarnings("unchecked")
    private static <R extends ConnectRecord<R>> Predicate<R> predicate(ChainSettings settings, String alias,
                                                                       String predicateAlias, ClassLoader loader) {
        String what = "predicate '" + predicateAlias + "' of transform '" + alias + "'";
        if (!settings.predicateAliases().contains(predicateAlias)) {
            throw new ConfigException("Invalid " + what + ": " + ChainSettings.transformKey(alias,
                ChainSettings.PREDICATE) + " names a predicate alias that is not listed in '" + PREDICATES_CONFIG
                + "'.");
        }
        String key = ChainSettings.predicateKey(predicateAlias, ChainSettings.TYPE);
        return configured(what, settings.required(key, what), key, Predicate.class, loader,
            p -> p.configure(settings.predicateConfigs(predicateAlias)));
    }

    /**
     * A new instance of {@code className}, which must be a {@code kind}, configured by {@code configure}; closed
     * again if that fails.
     *
     * @throws ConfigException naming {@code what} if it cannot be loaded, made or configured
     */
    private static <T extends AutoCloseable> T configured(String what, String className, String key, Class<T> kind,
                                                          ClassLoader loader, Consumer<T> configure) {
        T plugin = ChainSettings.failingFor(what, () -> PluginLoader.instantiate(key,
            PluginLoader.load(key, className, kind, loader), kind));
        try {
            ChainSettings.failingFor(what, () -> {
                configure.accept(plugin);
                return plugin;
            });
        } catch (RuntimeException e) {
            closeQuietly(plugin, e);
            throw e;
        }
        return plugin;
    }

    /**
     * Checks a connector configuration's {@code transforms} and {@code predicates} settings without keeping anything
     * built, for the REST validate endpoint: one entry for {@code transforms}, {@code predicates}, each alias'
     * {@code type}, {@code predicate} and {@code negate}, and each setting a transform or predicate defines (under
     * its prefix). Errors include duplicate aliases, missing or unknown classes, classes of the wrong kind, invalid
     * settings (also those the plugin's {@code configure} rejects, reported on its {@code type} key), and predicate
     * aliases not listed in {@code predicates}. Never throws for bad values.
     */
    public static List<ConfigValue> validate(Map<String, String> config) {
        return validate(config, TransformChain.class.getClassLoader());
    }

    /** As {@link #validate(Map)}, loading classes that are not built in through {@code loader}. */
    public static List<ConfigValue> validate(Map<String, String> config, ClassLoader loader) {
        return ChainValidator.validate(requireNonNull(config, "config"), requireNonNull(loader, "loader"));
    }

    /**
     * Runs {@code record} through the transforms in order.
     *
     * @return the transformed record, or null as soon as one transform drops it
     */
    public @Nullable R apply(R record) {
        R current = requireNonNull(record, "record");
        for (TransformStage<R> stage : stages) {
            current = stage.apply(current);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** Whether the chain has no transforms. */
    public boolean isEmpty() {
        return stages.isEmpty();
    }

    /** The aliases of the transforms, in the order they apply. */
    public List<String> aliases() {
        return stages.stream().map(TransformStage::alias).toList();
    }

    /**
     * Closes every transform and predicate, even when one fails.
     *
     * @throws RuntimeException the first failure, with later ones suppressed
     */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (TransformStage<R> stage : stages) {
            failure = closeCollecting(stage.transformation(), failure);
            failure = closeCollecting(stage.predicate(), failure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static @Nullable RuntimeException closeCollecting(@Nullable AutoCloseable plugin,
                                                              @Nullable RuntimeException failure) {
        try {
            if (plugin != null) {
                plugin.close();
            }
            return failure;
        } catch (Exception e) {
            RuntimeException current = e instanceof RuntimeException r ? r
                : new ConnectException("Closing " + plugin + " failed", e);
            if (failure == null) {
                return current;
            }
            failure.addSuppressed(current);
            return failure;
        }
    }

    private static void closeQuietly(@Nullable AutoCloseable plugin, RuntimeException cause) {
        RuntimeException failure = closeCollecting(plugin, null);
        if (failure != null) {
            cause.addSuppressed(failure);
        }
    }
}
