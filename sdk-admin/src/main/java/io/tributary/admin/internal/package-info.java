/**
 * The admin client's implementation: {@link io.tributary.admin.internal.DefaultTributaryAdmin} and one class per
 * area of calls. May change at any time.
 */
@NullMarked
package io.tributary.admin.internal;

import org.jspecify.annotations.NullMarked;
