package io.tributary.streams.internal;

import io.tributary.streams.Topology;
import java.util.function.Function;

/**
 * Hands the graph behind a public {@link Topology} to the engine without a public method that names an internal
 * type. {@code Topology} registers the accessor in its static initializer, which has run once any instance exists.
 */
public final class Access {
    private static volatile Function<Topology, TopologyGraph> graphs;

    private Access() {
    }

    /** Called once, by {@code Topology}. */
    public static void register(Function<Topology, TopologyGraph> accessor) {
        if (graphs != null) {
            throw new IllegalStateException("already registered");
        }
        graphs = accessor;
    }

    public static TopologyGraph graph(Topology topology) {
        return graphs.apply(topology);
    }
}
