package io.tributary.admin.internal;

import io.tributary.client.internal.ClientRuntime;
import io.tributary.client.internal.Failures;
import io.tributary.errors.TributaryException;
import io.tributary.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One admin call about several keys (topics, partitions, groups, config resources), across its attempts: each
 * attempt sends requests for the keys still pending and records per key a value, a final failure, or a failure to
 * retry. Keys that got a value or a final failure are not sent again, so a retry after {@code NOT_CONTROLLER} does
 * not create a topic twice. The call ends with the values in key order, or with the first final failure (the
 * others suppressed).
 *
 * <p>Which wire errors are retried is the call's choice: retriable codes whose cause is routing (a moved leader
 * or coordinator) are, but {@code UNKNOWN_TOPIC_OR_PARTITION} for a topic the request names is an answer. Final
 * failures are raised only after the retry loop, so that a retriable code among them ends the call at once.
 *
 * <p>Thread-safe: responses of parallel requests record their outcomes from several event loops. One instance per
 * subscription, made by {@link #run}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class KeyedCall<K, V> {
    /** Every retriable wire error is retried. */
    static final Predicate<ErrorCode> ANY_RETRIABLE = ErrorCode::retriable;
    /** Retriable wire errors are retried, except those saying that a named topic does not exist. */
    static final Predicate<ErrorCode> UNKNOWN_TOPIC_IS_FINAL = e -> e.retriable()
        && e != ErrorCode.UNKNOWN_TOPIC_OR_PARTITION && e != ErrorCode.UNKNOWN_TOPIC_ID;

    private final List<K> keys;
    private final Predicate<ErrorCode> retriable;
    private final Function<K, String> describe;
    private final Map<K, V> values = new LinkedHashMap<>();
    private final Map<K, Throwable> failures = new LinkedHashMap<>();
    private final Map<K, Throwable> toRetry = new LinkedHashMap<>();

    /**
     * @param keys      the keys, in the order results are emitted
     * @param retriable which wire errors to retry
     * @param describe  names a key in error messages ({@code "topic orders"})
     */
    KeyedCall(Collection<K> keys, Predicate<ErrorCode> retriable, Function<K, String> describe) {
        this.keys = List.copyOf(new LinkedHashSet<>(keys));
        this.retriable = retriable;
        this.describe = describe;
    }

    /**
     * Runs a call: a new {@code KeyedCall} per subscription; {@code attempt} gets it with the pending keys and
     * records their outcomes in it; it is repeated with back-off while keys are to be retried, bounded by the API
     * timeout. Lazy.
     */
    static <K, V> Mono<Map<K, V>> run(ClientRuntime runtime, String what, Supplier<KeyedCall<K, V>> newCall,
                                      BiFunction<KeyedCall<K, V>, Set<K>, Mono<?>> attempt) {
        return Mono.defer(() -> {
            KeyedCall<K, V> call = newCall.get();
            Mono<Void> round = Mono.defer(() -> {
                Set<K> pending = call.pending();
                return pending.isEmpty() ? Mono.<Void>empty()
                    : attempt.apply(call, pending).then(Mono.defer(call::endRound));
            });
            return runtime.withRetries(round, what)
                .then(Mono.defer(call::result));
        });
    }

    /** The keys that have neither a value nor a final failure. */
    synchronized Set<K> pending() {
        Set<K> pending = new LinkedHashSet<>();
        for (K k : keys) {
            if (!values.containsKey(k) && !failures.containsKey(k)) {
                pending.add(k);
            }
        }
        toRetry.clear();
        return pending;
    }

    /** Records a value. */
    synchronized void succeed(K key, V value) {
        values.put(key, value);
    }

    /**
     * Records a broker's answer about {@code key}: the value when {@code errorCode} is 0, else a failure that is
     * retried or final as the call chose.
     */
    void answer(K key, short errorCode, @Nullable String brokerMessage, @Nullable V value) {
        if (errorCode == ErrorCode.NONE.code()) {
            if (value == null) {
                throw new IllegalStateException("No value for " + describe.apply(key));
            }
            succeed(key, value);
            return;
        }
        ErrorCode error = ErrorCode.forCode(errorCode);
        Throwable failure = Failures.of(errorCode, brokerMessage, describe.apply(key));
        if (retriable.test(error)) {
            retry(key, failure);
        } else {
            fail(key, failure);
        }
    }

    /** Records a final failure, unless the key has an outcome already. */
    synchronized void fail(K key, Throwable failure) {
        if (!values.containsKey(key)) {
            failures.putIfAbsent(key, failure);
        }
    }

    /** Records a failure to retry in the next round. */
    synchronized void retry(K key, Throwable failure) {
        toRetry.put(key, failure);
    }

    /**
     * Records the failure of a request about {@code requestKeys}: retried when retriable (a broken connection, a
     * retriable wire error), else final for each of them.
     */
    void requestFailed(Collection<K> requestKeys, Throwable failure) {
        for (K k : requestKeys) {
            if (Failures.isRetriable(failure)) {
                retry(k, failure);
            } else {
                fail(k, failure);
            }
        }
    }

    /** Names a key as error messages do. */
    String describe(K key) {
        return describe.apply(key);
    }

    /** After an attempt: an error to retry on, if keys are to be retried; keys nobody answered are failures. */
    private synchronized Mono<Void> endRound() {
        if (!toRetry.isEmpty()) {
            return Mono.error(toRetry.values().iterator().next());
        }
        for (K k : keys) {
            if (!values.containsKey(k) && !failures.containsKey(k)) {
                failures.put(k, new TributaryException("The broker's response did not mention "
                    + describe.apply(k)));
            }
        }
        return Mono.empty();
    }

    private synchronized Mono<Map<K, V>> result() {
        if (!failures.isEmpty()) {
            // One failed request may have failed several keys with the same exception.
            List<Throwable> all = new ArrayList<>(new LinkedHashSet<>(failures.values()));
            Throwable first = all.get(0);
            for (Throwable other : all.subList(1, all.size())) {
                first.addSuppressed(other);
            }
            return Mono.error(first);
        }
        Map<K, V> ordered = new LinkedHashMap<>();
        for (K k : keys) {
            ordered.put(k, values.get(k));
        }
        return Mono.just(ordered);
    }
}
