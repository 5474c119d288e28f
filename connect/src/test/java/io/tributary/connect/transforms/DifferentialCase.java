package io.tributary.connect.transforms;

import io.tributary.connect.ConnectRecord;
import java.util.List;
import java.util.Map;

/**
 * One row of the differential tables: a Kafka Connect transform or predicate class (which Tributary maps onto its
 * own), its settings, and the records to run through one configured instance of each, in order.
 *
 * @param name      what the row shows
 * @param className the Kafka Connect class name
 * @param config    the settings given to both
 * @param inputs    the records, applied one after the other to the same instance (so schema caches are shared)
 */
record DifferentialCase(String name, String className, Map<String, String> config, List<ConnectRecord<?>> inputs) {
    static DifferentialCase of(String name, String className, Map<String, String> config,
                               ConnectRecord<?>... inputs) {
        return new DifferentialCase(name, className, config, List.of(inputs));
    }

    @Override
    public String toString() {
        return className.substring(className.lastIndexOf('.') + 1) + ": " + name;
    }
}
