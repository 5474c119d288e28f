package io.tributary.connect.internal.isolation;

import io.tributary.connect.sink.SinkConnector;
import io.tributary.connect.source.SourceConnector;
import io.tributary.connect.storage.Converter;
import io.tributary.connect.storage.HeaderConverter;
import io.tributary.connect.transforms.Transformation;
import io.tributary.connect.transforms.predicates.Predicate;
import org.jspecify.annotations.Nullable;

/** The kinds of plugin a worker loads, named as the REST API's {@code GET /connector-plugins} names them. */
public enum PluginType {
    SOURCE(SourceConnector.class, "source"),
    SINK(SinkConnector.class, "sink"),
    CONVERTER(Converter.class, "converter"),
    HEADER_CONVERTER(HeaderConverter.class, "header_converter"),
    TRANSFORMATION(Transformation.class, "transformation"),
    PREDICATE(Predicate.class, "predicate");

    private final Class<?> superType;
    private final String restName;

    PluginType(Class<?> superType, String restName) {
        this.superType = superType;
        this.restName = restName;
    }

    /** The class or interface every plugin of this kind extends. */
    public Class<?> superType() {
        return superType;
    }

    /** The REST API's name of this kind. */
    public String restName() {
        return restName;
    }

    /** Whether this kind is a connector. */
    public boolean isConnector() {
        return this == SOURCE || this == SINK;
    }

    /**
     * Whether {@code type} is a plugin of this kind. A class can be of several kinds (a converter that also converts
     * headers), while {@link #of} names the first.
     */
    public boolean includes(Class<?> type) {
        return superType.isAssignableFrom(type);
    }

    /** The kind of {@code type}, or null if it is no plugin (a connector that is neither source nor sink). */
    static @Nullable PluginType of(Class<?> type) {
        for (PluginType t : values()) {
            if (t.superType.isAssignableFrom(type)) {
                return t;
            }
        }
        return null;
    }
}
