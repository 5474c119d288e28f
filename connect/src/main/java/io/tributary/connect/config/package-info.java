/**
 * Configuration definitions of connectors, converters and transforms: typed keys with defaults, validators,
 * importance and documentation ({@link io.tributary.connect.config.ConfigDef}), parsed from string maps and
 * validated per key for the REST API's validate endpoint.
 */
@NullMarked
package io.tributary.connect.config;

import org.jspecify.annotations.NullMarked;
