/** The smallest reactive producer: send records, print where each one was written. */
@NullMarked
package io.tributary.samples.producer;

import org.jspecify.annotations.NullMarked;
