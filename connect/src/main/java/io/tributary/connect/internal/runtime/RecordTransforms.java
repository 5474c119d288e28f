package io.tributary.connect.internal.runtime;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.transforms.TransformChain;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A task's transform chain ({@code transforms}, {@code predicates}), and which of its plugins a failure came from,
 * for error reports: the chain passes exceptions on unchanged, so the failing class is found on the stack trace.
 * Used on the task's thread only, as the chain requires.
 */
final class RecordTransforms<R extends ConnectRecord<R>> {
    private static final String KAFKA_PREFIX = "org.apache.kafka.connect.";
    private static final String TRIBUTARY_PREFIX = "io.tributary.connect.";
    private static final String BUILT_IN_PACKAGE = "io.tributary.connect.transforms.";

    private final TransformChain<R> chain;
    private final Set<String> classNames = new HashSet<>();

    private RecordTransforms(TransformChain<R> chain, Map<String, ?> config) {
        this.chain = chain;
        config.forEach((k, v) -> {
            if ((k.startsWith("transforms.") || k.startsWith("predicates.")) && k.endsWith(".type") && v != null) {
                String name = v.toString().trim();
                classNames.add(name);
                if (name.startsWith(KAFKA_PREFIX)) {
                    classNames.add(TRIBUTARY_PREFIX + name.substring(KAFKA_PREFIX.length()));
                }
            }
        });
    }

    /**
     * The chain a connector configuration describes; plugins load through {@code loader}.
     *
     * @throws io.tributary.connect.config.ConfigException if the transforms are misconfigured
     */
    static <R extends ConnectRecord<R>> RecordTransforms<R> create(Map<String, ?> config, ClassLoader loader) {
        return new RecordTransforms<>(TransformChain.<R>create(config, loader), config);
    }

    /** The transformed record, or null if a transform dropped it. */
    @Nullable R apply(R record) {
        return chain.apply(record);
    }

    boolean isEmpty() {
        return chain.isEmpty();
    }

    /** The name of the transform or predicate class that threw {@code error}, as far as its stack tells. */
    String failingClass(Throwable error) {
        for (StackTraceElement frame : error.getStackTrace()) {
            String c = frame.getClassName();
            String outer = c.indexOf('$') > 0 ? c.substring(0, c.indexOf('$')) : c;
            if (classNames.contains(c) || classNames.contains(outer)) {
                return c;
            }
            if (c.startsWith(BUILT_IN_PACKAGE) && !c.startsWith(BUILT_IN_PACKAGE + "internal.")
                && !outer.equals(TransformChain.class.getName())) {
                return c;
            }
        }
        return TransformChain.class.getName();
    }

    void close() {
        chain.close();
    }
}
