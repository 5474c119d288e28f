/** Tributary's exception hierarchy: {@link io.tributary.errors.TributaryException} and its wire-error subtypes. */
@NullMarked
package io.tributary.errors;

import org.jspecify.annotations.NullMarked;
