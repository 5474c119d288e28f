/** Exceptions of connectors, converters and transforms; all extend {@link io.tributary.errors.TributaryException}. */
@NullMarked
package io.tributary.connect.errors;

import org.jspecify.annotations.NullMarked;
