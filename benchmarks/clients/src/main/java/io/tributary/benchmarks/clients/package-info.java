/** Producer load generators run by the side-by-side client benchmark, one client per child JVM. */
@NullMarked
package io.tributary.benchmarks.clients;

import org.jspecify.annotations.NullMarked;
