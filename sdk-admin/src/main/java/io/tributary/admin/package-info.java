/**
 * The reactive admin client: {@link io.tributary.admin.TributaryAdmin}, its
 * {@link io.tributary.admin.AdminOptions} and the records its calls emit (topics, configs, cluster, offsets, groups,
 * producers and transactions).
 */
@NullMarked
package io.tributary.admin;

import org.jspecify.annotations.NullMarked;
