package io.tributary.connect.internal.storage;

import io.tributary.connect.source.OffsetStorageReader;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What a source task of one connector sees of the offset store: its connector's committed offsets. */
public final class ConnectorOffsetReader implements OffsetStorageReader {
    private final String connector;
    private final OffsetStore store;

    public ConnectorOffsetReader(String connector, OffsetStore store) {
        this.connector = connector;
        this.store = store;
    }

    @Override
    public @Nullable Map<String, Object> offset(Map<String, ?> partition) {
        return store.offset(connector, partition);
    }

    @Override
    public Map<Map<String, ?>, Map<String, Object>> offsets(Collection<? extends Map<String, ?>> partitions) {
        Map<Map<String, ?>, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map<String, ?> p : partitions) {
            Map<String, Object> offset = store.offset(connector, p);
            if (offset != null) {
                out.put(p, offset);
            }
        }
        return out;
    }
}
