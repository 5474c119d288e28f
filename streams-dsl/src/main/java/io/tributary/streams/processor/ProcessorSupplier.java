package io.tributary.streams.processor;

import java.util.function.Supplier;

/**
 * Makes a new {@link Processor} per task. Must return a fresh instance on every call: tasks run independently.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ProcessorSupplier<KIn, VIn, KOut, VOut> extends Supplier<Processor<KIn, VIn, KOut, VOut>> {
    @Override
    Processor<KIn, VIn, KOut, VOut> get();
}
