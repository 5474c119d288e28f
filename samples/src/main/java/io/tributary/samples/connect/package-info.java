/** Connect sample: a standalone worker copies a file through a topic into another file with the file connectors. */
@NullMarked
package io.tributary.samples.connect;

import org.jspecify.annotations.NullMarked;
