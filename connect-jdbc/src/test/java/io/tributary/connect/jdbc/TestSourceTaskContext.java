package io.tributary.connect.jdbc;

import io.tributary.connect.source.OffsetStorageReader;
import io.tributary.connect.source.SourceTaskContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** A source task context whose committed offsets are a map the test fills, as the runtime's store would be. */
final class TestSourceTaskContext implements SourceTaskContext {
    private final Map<String, String> configs;
    private final Map<Map<String, ?>, Map<String, Object>> offsets;

    TestSourceTaskContext(Map<String, String> configs, Map<Map<String, ?>, Map<String, Object>> offsets) {
        this.configs = configs;
        this.offsets = offsets;
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return new OffsetStorageReader() {
            @Override
            public Map<String, Object> offset(Map<String, ?> partition) {
                return offsets.get(partition);
            }

            @Override
            public Map<Map<String, ?>, Map<String, Object>> offsets(Collection<? extends Map<String, ?>> partitions) {
                Map<Map<String, ?>, Map<String, Object>> out = new HashMap<>();
                partitions.forEach(p -> {
                    if (offsets.containsKey(p)) {
                        out.put(p, offsets.get(p));
                    }
                });
                return out;
            }
        };
    }
}
