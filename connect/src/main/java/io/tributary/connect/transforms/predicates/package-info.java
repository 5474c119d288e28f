/** Conditions under which a transform applies to a record. */
@NullMarked
package io.tributary.connect.transforms.predicates;

import org.jspecify.annotations.NullMarked;
