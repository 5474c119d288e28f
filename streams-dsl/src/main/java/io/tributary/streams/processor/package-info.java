/**
 * The Processor API: processors with state stores and punctuation, the building blocks under the DSL.
 */
@NullMarked
package io.tributary.streams.processor;

import org.jspecify.annotations.NullMarked;
