/**
 * Where a worker keeps the source offsets its connectors committed: {@link
 * io.tributary.connect.internal.storage.OffsetStore}, in memory for reads and, for the standalone worker, in a local
 * file written atomically ({@link io.tributary.connect.internal.storage.FileOffsetStore}).
 */
@NullMarked
package io.tributary.connect.internal.storage;

import org.jspecify.annotations.NullMarked;
