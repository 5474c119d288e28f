/**
 * What the commands of {@code io.tributary.cli} share: global options, client options, table and JSON output,
 * error messages, a blocking queue over the consumer's records, latency statistics. May change at any time.
 */
@NullMarked
package io.tributary.cli.internal;

import org.jspecify.annotations.NullMarked;
