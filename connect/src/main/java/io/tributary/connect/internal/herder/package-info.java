/**
 * The contract between the REST API and a worker runtime: {@link io.tributary.connect.internal.herder.Herder}
 * manages connectors (standalone: in this process; distributed: across the group), and the records here are what
 * it answers, shaped as Kafka Connect's REST API shapes them.
 */
@NullMarked
package io.tributary.connect.internal.herder;

import org.jspecify.annotations.NullMarked;
