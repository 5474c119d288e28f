package io.tributary.streams.internal.dsl;

import io.tributary.streams.processor.Processor;
import io.tributary.streams.processor.ProcessorContext;

/** Base of the DSL's processors: keeps the context. */
abstract class ContextualProcessor<KIn, VIn, KOut, VOut> implements Processor<KIn, VIn, KOut, VOut> {
    private ProcessorContext<KOut, VOut> context;

    @Override
    public void init(ProcessorContext<KOut, VOut> context) {
        this.context = context;
    }

    final ProcessorContext<KOut, VOut> context() {
        return context;
    }
}
