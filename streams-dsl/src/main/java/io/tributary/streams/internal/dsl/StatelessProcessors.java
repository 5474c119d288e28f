package io.tributary.streams.internal.dsl;

import io.tributary.streams.KeyValue;
import io.tributary.streams.processor.Record;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The DSL's stateless record-at-a-time operators, one small processor each. */
final class StatelessProcessors {
    private StatelessProcessors() {
    }

    /** filter / filterNot. */
    static final class Filter<K, V> extends ContextualProcessor<K, V, K, V> {
        private final BiPredicate<? super K, ? super V> predicate;
        private final boolean keep;

        Filter(BiPredicate<? super K, ? super V> predicate, boolean keep) {
            this.predicate = predicate;
            this.keep = keep;
        }

        @Override
        public void process(Record<K, V> record) {
            if (predicate.test(record.key(), record.value()) == keep) {
                context().forward(record);
            }
        }
    }

    /** map: new key and value. */
    static final class KeyValueMap<K, V, KR, VR> extends ContextualProcessor<K, V, KR, VR> {
        private final BiFunction<? super K, ? super V, KeyValue<KR, VR>> mapper;

        KeyValueMap(BiFunction<? super K, ? super V, KeyValue<KR, VR>> mapper) {
            this.mapper = mapper;
        }

        @Override
        public void process(Record<K, V> record) {
            KeyValue<KR, VR> kv = mapper.apply(record.key(), record.value());
            if (kv == null) {
                throw new NullPointerException("map returned null; return a KeyValue");
            }
            context().forward(record.withKey(kv.key()).withValue(kv.value()));
        }
    }

    /** mapValues. */
    static final class MapValues<K, V, VR> extends ContextualProcessor<K, V, K, VR> {
        private final Function<? super V, ? extends VR> mapper;

        MapValues(Function<? super V, ? extends VR> mapper) {
            this.mapper = mapper;
        }

        @Override
        public void process(Record<K, V> record) {
            context().forward(record.withValue(mapper.apply(record.value())));
        }
    }

    /** selectKey. */
    static final class SelectKey<K, V, KR> extends ContextualProcessor<K, V, KR, V> {
        private final BiFunction<? super K, ? super V, ? extends KR> mapper;

        SelectKey(BiFunction<? super K, ? super V, ? extends KR> mapper) {
            this.mapper = mapper;
        }

        @Override
        public void process(Record<K, V> record) {
            context().forward(record.withKey(mapper.apply(record.key(), record.value())));
        }
    }

    /** flatMap. */
    static final class FlatMap<K, V, KR, VR> extends ContextualProcessor<K, V, KR, VR> {
        private final BiFunction<? super K, ? super V, ? extends Iterable<KeyValue<KR, VR>>> mapper;

        FlatMap(BiFunction<? super K, ? super V, ? extends Iterable<KeyValue<KR, VR>>> mapper) {
            this.mapper = mapper;
        }

        @Override
        public void process(Record<K, V> record) {
            for (KeyValue<KR, VR> kv : mapper.apply(record.key(), record.value())) {
                context().forward(record.withKey(kv.key()).withValue(kv.value()));
            }
        }
    }

    /** flatMapValues. */
    static final class FlatMapValues<K, V, VR> extends ContextualProcessor<K, V, K, VR> {
        private final Function<? super V, ? extends Iterable<? extends VR>> mapper;

        FlatMapValues(Function<? super V, ? extends Iterable<? extends VR>> mapper) {
            this.mapper = mapper;
        }

        @Override
        public void process(Record<K, V> record) {
            for (VR value : mapper.apply(record.value())) {
                context().forward(record.withValue(value));
            }
        }
    }

    /** peek (forwards) and foreach (terminal). */
    static final class Peek<K, V> extends ContextualProcessor<K, V, K, V> {
        private final BiConsumer<? super K, ? super V> action;
        private final boolean forward;

        Peek(BiConsumer<? super K, ? super V> action, boolean forward) {
            this.action = action;
            this.forward = forward;
        }

        @Override
        public void process(Record<K, V> record) {
            action.accept(record.key(), record.value());
            if (forward) {
                context().forward(record);
            }
        }
    }

    /** merge, and the joints of split branches: passes records on. */
    static final class PassThrough<K, V> extends ContextualProcessor<K, V, K, V> {
        @Override
        public void process(Record<K, V> record) {
            context().forward(record);
        }
    }

    /** Drops records with a null key before a repartition topic (they could not be grouped or joined anyway). */
    static final class DropNullKeys<K, V> extends ContextualProcessor<K, V, K, V> {
        @Override
        public void process(Record<K, V> record) {
            if (record.key() != null) {
                context().forward(record);
            } else {
                Dropped.log(context(), "repartition", "null key");
            }
        }
    }

    /** split: each record to the first branch whose predicate holds, else the default branch if any. */
    static final class Branch<K, V> extends ContextualProcessor<K, V, K, V> {
        private final List<BiPredicate<? super K, ? super V>> predicates;
        private final List<String> children;
        private final @Nullable String defaultChild;

        Branch(List<BiPredicate<? super K, ? super V>> predicates, List<String> children,
               @Nullable String defaultChild) {
            this.predicates = List.copyOf(predicates);
            this.children = List.copyOf(children);
            this.defaultChild = defaultChild;
        }

        @Override
        public void process(Record<K, V> record) {
            for (int i = 0; i < predicates.size(); i++) {
                if (predicates.get(i).test(record.key(), record.value())) {
                    context().forward(record, children.get(i));
                    return;
                }
            }
            if (defaultChild != null) {
                context().forward(record, defaultChild);
            }
        }
    }
}
