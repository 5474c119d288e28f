package io.tributary.connect.internal.herder;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A connector's committed offsets: the body of {@code GET /connectors/{name}/offsets} and of the PATCH that alters
 * them. Source connectors: their own partition and offset maps. Sink connectors: partition
 * {@code {"kafka_topic": t, "kafka_partition": p}}, offset {@code {"kafka_offset": o}}.
 */
public record ConnectorOffsets(List<Offset> offsets) {
    public ConnectorOffsets {
        offsets = List.copyOf(offsets);
    }

    /** @param offset null in a PATCH removes the partition's offset */
    public record Offset(Map<String, Object> partition, @Nullable Map<String, Object> offset) {
    }
}
