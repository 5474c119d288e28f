/**
 * Implementation: the KStream/KTable DSL and its processors.
 */
@NullMarked
package io.tributary.streams.internal.dsl;

import org.jspecify.annotations.NullMarked;
