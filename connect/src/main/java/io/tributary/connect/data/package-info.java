/**
 * Connect's data model: {@link io.tributary.connect.data.Schema}s (primitive, array, map and struct types, with
 * optionality, defaults, names, versions and parameters), {@link io.tributary.connect.data.Struct} values, and the
 * logical types Decimal, Date, Time and Timestamp. Schema names and parameters match Kafka Connect's, so data
 * written through the JSON converter's schema envelope reads back in either system.
 */
@NullMarked
package io.tributary.connect.data;

import org.jspecify.annotations.NullMarked;
