/**
 * Implementation: tasks, processor nodes, punctuation and output collection shared by the runtime and the test driver.
 */
@NullMarked
package io.tributary.streams.internal.engine;

import org.jspecify.annotations.NullMarked;
