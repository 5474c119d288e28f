package io.tributary.streams.internal.engine;

import java.util.ArrayList;
import java.util.List;

/** Collects a task's output records until its caller drains them. Owned by one task; not thread-safe. */
final class RecordCollector {
    private List<OutputRecord> records = new ArrayList<>();

    void add(OutputRecord record) {
        records.add(record);
    }

    List<OutputRecord> drain() {
        List<OutputRecord> out = records;
        records = new ArrayList<>();
        return out;
    }
}
