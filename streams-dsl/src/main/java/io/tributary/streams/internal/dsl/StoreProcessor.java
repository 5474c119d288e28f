package io.tributary.streams.internal.dsl;

import io.tributary.streams.processor.ProcessorContext;
import io.tributary.streams.state.StateStore;

/**
 * Base of the DSL's processors that use one state store: looks it up by name once, at init, instead of on every
 * record. Like every processor, used by its task's thread only.
 */
abstract class StoreProcessor<KIn, VIn, KOut, VOut, S extends StateStore>
    extends ContextualProcessor<KIn, VIn, KOut, VOut> {
    private final String storeName;
    private S store;

    StoreProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<KOut, VOut> context) {
        super.init(context);
        store = context.getStateStore(storeName);
    }

    final String storeName() {
        return storeName;
    }

    final S store() {
        return store;
    }
}
