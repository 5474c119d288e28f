/**
 * The standalone herder: every connector of the cluster runs in this one worker, configurations live in memory
 * (given again at each start) and source offsets in a local file. See
 * {@link io.tributary.connect.internal.standalone.StandaloneHerder}.
 */
@NullMarked
package io.tributary.connect.internal.standalone;

import org.jspecify.annotations.NullMarked;
