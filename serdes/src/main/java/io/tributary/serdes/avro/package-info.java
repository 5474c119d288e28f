/** Avro: generic and specific records, raw or in the schema-registry wire format. Needs {@code avro}. */
@NullMarked
package io.tributary.serdes.avro;

import org.jspecify.annotations.NullMarked;
