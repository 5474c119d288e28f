/**
 * Plugin discovery and class-loading isolation: connectors, converters, transforms and predicates found with
 * {@link java.util.ServiceLoader} on the application class path and in {@code plugin.path}, where each directory or
 * jar is one plugin with a child-first class loader of its own. Owned by the worker; see
 * {@link io.tributary.connect.internal.isolation.Plugins}.
 */
@NullMarked
package io.tributary.connect.internal.isolation;

import org.jspecify.annotations.NullMarked;
