package io.tributary.broker.internal.registry;

import java.util.List;
import java.util.function.Consumer;

/** Where the registry keeps its records. Both methods block: call them on an IO thread. */
interface RegistryStore {
    /** Appends records durably enough to answer the request that made them. */
    void append(List<RegistryRecord> records);

    /** Replays every stored record in order. */
    void load(Consumer<RegistryRecord> sink);
}
