package io.tributary.streams;

import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The branches of {@link KStream#split()}: add them in order, then end with {@link #defaultBranch()} or
 * {@link #noDefaultBranch()} to get them by name.
 *
 * @since 0.1
 */
public interface BranchedKStream<K, V> {
    /** A branch for records that match {@code predicate} and no earlier branch. */
    BranchedKStream<K, V> branch(BiPredicate<? super K, ? super V> predicate);

    BranchedKStream<K, V> branch(BiPredicate<? super K, ? super V> predicate, Branched<K, V> branched);

    /** A last branch for the records no predicate matched; returns all branches by name. */
    Map<String, KStream<K, V>> defaultBranch();

    Map<String, KStream<K, V>> defaultBranch(Branched<K, V> branched);

    /** Drops the records no predicate matched; returns the branches by name. */
    Map<String, KStream<K, V>> noDefaultBranch();
}
