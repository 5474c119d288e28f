/** What the samples share: their command-line option. */
@NullMarked
package io.tributary.samples;

import org.jspecify.annotations.NullMarked;
