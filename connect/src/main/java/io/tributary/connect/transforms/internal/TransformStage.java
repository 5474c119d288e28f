package io.tributary.connect.transforms.internal;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.transforms.Transformation;
import io.tributary.connect.transforms.predicates.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One configured step of a transform chain: a transform, applied to a record only where its predicate (if any)
 * holds, or with {@code negate} where it does not. Owned by one {@code TransformChain}; used on one thread at a time.
 *
 * @param alias          the alias the step was configured under
 * @param transformation the configured transform
 * @param predicate      the configured predicate, or null to apply to every record
 * @param negate         whether to apply where the predicate does not hold
 * @param <R>            source or sink records
 */
public record TransformStage<R extends ConnectRecord<R>>(String alias, Transformation<R> transformation,
                                                         @Nullable Predicate<R> predicate, boolean negate) {
    /** The transformed record, the record itself if the predicate rules the transform out, or null if dropped. */
    public @Nullable R apply(R record) {
        if (predicate != null && predicate.test(record) == negate) {
            return record;
        }
        return transformation.apply(record);
    }
}
