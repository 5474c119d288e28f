package io.tributary.streams.internal.dsl;

import io.tributary.serdes.Serde;
import io.tributary.streams.KeyValue;
import io.tributary.streams.StreamsException;
import io.tributary.streams.internal.state.TimestampedKeyValueStore;
import io.tributary.streams.internal.state.StoreContext;
import io.tributary.streams.processor.ProcessorContext;
import io.tributary.streams.processor.Record;
import io.tributary.streams.state.ReadOnlyKeyValueStore;
import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The four processors of a foreign-key join (left table {@code K → V}, right table {@code KO → VO}): the left side
 * subscribes each row to the right row its foreign key names, through a topic keyed (so partitioned) like the right
 * table; the right side keeps the subscriptions and answers each, and each later right update, through a topic keyed
 * like the left table; the left side joins an answer with the left row if the row is still the one that subscribed.
 */
final class ForeignKeyJoinProcessors {
    private ForeignKeyJoinProcessors() {
    }

    /**
     * The join's serdes as given, with the application's defaults for those not given; {@code topic} is the topic
     * name they are called with (the subscription topic's, whatever they serialize).
     */
    record JoinSerdes<K, V, KO, VO>(@Nullable Serde<K> leftKey, @Nullable Serde<V> leftValue,
                                @Nullable Serde<KO> rightKey, @Nullable Serde<VO> rightValue, String topic) {
        Serde<K> leftKey(ProcessorContext<?, ?> context) {
            return resolve(leftKey, context, true, "left key");
        }

        Serde<V> leftValue(ProcessorContext<?, ?> context) {
            return resolve(leftValue, context, false, "left value");
        }

        Serde<KO> rightKey(ProcessorContext<?, ?> context) {
            return resolve(rightKey, context, true, "right key");
        }

        Serde<VO> rightValue(ProcessorContext<?, ?> context) {
            return resolve(rightValue, context, false, "right value");
        }

        @SuppressWarnings("unchecked")
        private static <T> Serde<T> resolve(@Nullable Serde<T> given, ProcessorContext<?, ?> context, boolean key,
                                            String what) {
            if (given != null) {
                return given;
            }
            Serde<?> fallback = context instanceof StoreContext s ? (key ? s.defaultKeySerde() : s.defaultValueSerde())
                : null;
            if (fallback == null) {
                throw new StreamsException("A foreign-key join needs the " + what + " serde: give the table one or "
                    + "set a default serde");
            }
            return (Serde<T>) fallback;
        }
    }

    /**
     * Left side: for each left update, unsubscribes from the old foreign key if it changed, subscribes with the new
     * one (carrying the hash of the new value), and emits at once what needs no right row: the deletion of a
     * deleted row (or of one without a foreign key), or, for a left join, the row joined with nothing.
     */
    static final class Subscriber<K, V, KO, VR> extends ContextualProcessor<K, Change<V>, Object, Object> {
        private final Function<? super V, ? extends KO> foreignKey;
        private final BiFunction<? super V, ? super Object, ? extends VR> joiner;
        private final boolean leftJoin;
        private final JoinSerdes<K, V, KO, ?> serdes;
        private final String subscriptions;
        private final String results;
        private Serde<K> keySerde;
        private Serde<V> valueSerde;

        Subscriber(Function<? super V, ? extends KO> foreignKey,
                   BiFunction<? super V, ? super Object, ? extends VR> joiner, boolean leftJoin,
                   JoinSerdes<K, V, KO, ?> serdes, String subscriptions, String results) {
            this.foreignKey = foreignKey;
            this.joiner = joiner;
            this.leftJoin = leftJoin;
            this.serdes = serdes;
            this.subscriptions = subscriptions;
            this.results = results;
        }

        @Override
        public void init(ProcessorContext<Object, Object> context) {
            super.init(context);
            keySerde = serdes.leftKey(context);
            valueSerde = serdes.leftValue(context);
        }

        @Override
        public void process(Record<K, Change<V>> record) {
            K key = record.key();
            if (key == null) {
                Dropped.log(context(), "foreign-key join", "null key");
                return;
            }
            V value = record.value().newValue();
            V old = record.value().oldValue();
            KO newKey = value == null ? null : foreignKey.apply(value);
            KO oldKey = old == null ? null : foreignKey.apply(old);
            byte[] leftKey = keySerde.serializer().serialize(serdes.topic(), key);
            if (oldKey != null && !oldKey.equals(newKey)) {
                context().forward(new Record<Object, Object>(oldKey,
                    ForeignKeyWire.Subscription.unsubscribe(leftKey).write(), record.timestamp(), record.headers()),
                    subscriptions);
            }
            if (newKey != null) {
                byte[] hash = ForeignKeyWire.hash(valueSerde.serializer().serialize(serdes.topic(), value));
                context().forward(new Record<Object, Object>(newKey,
                    ForeignKeyWire.Subscription.subscribe(hash, leftKey).write(), record.timestamp(), record.headers()),
                    subscriptions);
                return;
            }
            VR result = value != null && leftJoin ? joiner.apply(value, null) : null;
            context().forward(new Record<Object, Object>(key, Change.of(result), record.timestamp(), record.headers()),
                results);
        }
    }

    /**
     * Right side, for each subscription: records or forgets it in the subscription store and answers a
     * subscription with the right row's current value (or its absence).
     */
    static final class Registrar<KO, VO> extends ContextualProcessor<byte[], byte[], byte[], byte[]> {
        private final String subscriptionStore;
        private final String rightStore;
        private final JoinSerdes<?, ?, KO, VO> serdes;
        private TimestampedKeyValueStore<byte[], byte[]> subscriptions;
        private ReadOnlyKeyValueStore<KO, VO> right;
        private Serde<KO> rightKey;
        private Serde<VO> rightValue;

        Registrar(String subscriptionStore, String rightStore, JoinSerdes<?, ?, KO, VO> serdes) {
            this.subscriptionStore = subscriptionStore;
            this.rightStore = rightStore;
            this.serdes = serdes;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            super.init(context);
            subscriptions = context.getStateStore(subscriptionStore);
            right = context.getStateStore(rightStore);
            rightKey = serdes.rightKey(context);
            rightValue = serdes.rightValue(context);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            if (record.key() == null || record.value() == null) {
                Dropped.log(context(), "foreign-key join subscription", "null key or value");
                return;
            }
            ForeignKeyWire.Subscription s = ForeignKeyWire.Subscription.read(record.value());
            byte[] storeKey = ForeignKeyWire.storeKey(record.key(), s.leftKey());
            if (s.instruction() == ForeignKeyWire.UNSUBSCRIBE) {
                subscriptions.delete(storeKey);
                return;
            }
            subscriptions.put(storeKey, s.hash());
            VO value = right.get(rightKey.deserializer().deserialize(serdes.topic(), record.key()));
            byte[] bytes = value == null ? null : rightValue.serializer().serialize(serdes.topic(), value);
            context().forward(new Record<>(s.leftKey(), new ForeignKeyWire.Response(s.hash(), bytes).write(),
                record.timestamp(), record.headers()));
        }
    }

    /** Right side, for each right update: answers every left row subscribed to that right key with the new value. */
    static final class RightUpdates<KO, VO> extends ContextualProcessor<KO, Change<VO>, byte[], byte[]> {
        private final String subscriptionStore;
        private final JoinSerdes<?, ?, KO, VO> serdes;
        private TimestampedKeyValueStore<byte[], byte[]> subscriptions;
        private Serde<KO> rightKey;
        private Serde<VO> rightValue;

        RightUpdates(String subscriptionStore, JoinSerdes<?, ?, KO, VO> serdes) {
            this.subscriptionStore = subscriptionStore;
            this.serdes = serdes;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            super.init(context);
            subscriptions = context.getStateStore(subscriptionStore);
            rightKey = serdes.rightKey(context);
            rightValue = serdes.rightValue(context);
        }

        @Override
        public void process(Record<KO, Change<VO>> record) {
            if (record.key() == null) {
                return;
            }
            VO value = record.value().newValue();
            byte[] bytes = value == null ? null : rightValue.serializer().serialize(serdes.topic(), value);
            byte[] prefix = ForeignKeyWire.storePrefix(rightKey.serializer().serialize(serdes.topic(), record.key()));
            for (KeyValue<byte[], byte[]> subscription : subscriptions.prefixScan(prefix)) {
                context().forward(new Record<>(ForeignKeyWire.leftKeyOf(subscription.key()),
                    new ForeignKeyWire.Response(subscription.value(), bytes).write(), record.timestamp(),
                    record.headers()));
            }
        }
    }

    /**
     * Left side, for each answer: joins the right value with the left row if that row is still the value that
     * subscribed (same hash); an answer overtaken by a newer left value, or for a deleted row, is dropped.
     */
    static final class Resolver<K, V, VO, VR> extends ContextualProcessor<K, byte[], K, Change<VR>> {
        private final String leftStore;
        private final BiFunction<? super V, ? super VO, ? extends VR> joiner;
        private final boolean leftJoin;
        private final JoinSerdes<K, V, ?, VO> serdes;
        private ReadOnlyKeyValueStore<K, V> left;
        private Serde<V> leftValue;
        private Serde<VO> rightValue;

        Resolver(String leftStore, BiFunction<? super V, ? super VO, ? extends VR> joiner, boolean leftJoin,
                 JoinSerdes<K, V, ?, VO> serdes) {
            this.leftStore = leftStore;
            this.joiner = joiner;
            this.leftJoin = leftJoin;
            this.serdes = serdes;
        }

        @Override
        public void init(ProcessorContext<K, Change<VR>> context) {
            super.init(context);
            left = context.getStateStore(leftStore);
            leftValue = serdes.leftValue(context);
            rightValue = serdes.rightValue(context);
        }

        @Override
        public void process(Record<K, byte[]> record) {
            if (record.key() == null || record.value() == null) {
                return;
            }
            ForeignKeyWire.Response response = ForeignKeyWire.Response.read(record.value());
            V value = left.get(record.key());
            if (value == null || !Arrays.equals(response.hash(),
                ForeignKeyWire.hash(leftValue.serializer().serialize(serdes.topic(), value)))) {
                return;
            }
            byte[] bytes = response.rightValue();
            VO other = bytes == null ? null : rightValue.deserializer().deserialize(serdes.topic(), bytes);
            VR result = other != null ? joiner.apply(value, other) : leftJoin ? joiner.apply(value, null) : null;
            context().forward(record.withValue(Change.of(result)));
        }
    }
}
