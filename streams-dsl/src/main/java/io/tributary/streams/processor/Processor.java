package io.tributary.streams.processor;

/**
 * Processes records one at a time and forwards results to its children through its {@link ProcessorContext}. Each
 * task owns its own instance (from a {@link ProcessorSupplier}), so an instance is only ever called by one thread at
 * a time and needs no synchronization.
 *
 * <pre>{@code
 * class Upper implements Processor<String, String, String, String> {
 *     private ProcessorContext<String, String> context;
 *     public void init(ProcessorContext<String, String> context) { this.context = context; }
 *     public void process(Record<String, String> r) { context.forward(r.withValue(r.value().toUpperCase())); }
 * }
 * }</pre>
 *
 * @param <KIn>  the input key type
 * @param <VIn>  the input value type
 * @param <KOut> the type of keys forwarded
 * @param <VOut> the type of values forwarded
 * @since 0.1
 */
public interface Processor<KIn, VIn, KOut, VOut> {
    /** Called once before the first record: keep the context, look up stores, schedule punctuations. */
    default void init(ProcessorContext<KOut, VOut> context) {
    }

    /** Processes one record; may forward any number of records. */
    void process(Record<KIn, VIn> record);

    /** Called once when the task closes (shutdown or partition revoked). */
    default void close() {
    }
}
