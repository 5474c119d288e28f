/** JSON with Jackson: typed objects and trees. Needs {@code jackson-databind} on the classpath. */
@NullMarked
package io.tributary.serdes.json;

import org.jspecify.annotations.NullMarked;
