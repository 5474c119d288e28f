package io.tributary.connect.source;

/**
 * Whether a source connector, with a given configuration, can deliver exactly once: its tasks must resume exactly
 * after the last record whose offset was committed, so that writing records and offsets in one transaction leaves
 * neither gaps nor duplicates.
 *
 * @since 0.1
 */
public enum ExactlyOnceSupport {
    SUPPORTED,
    UNSUPPORTED
}
