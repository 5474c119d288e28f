/** Producer and consumer load generators run by the side-by-side client benchmarks, one client per child JVM. */
@NullMarked
package io.tributary.benchmarks.clients;

import org.jspecify.annotations.NullMarked;
