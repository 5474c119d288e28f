package io.tributary.samples;

import org.jspecify.annotations.Nullable;

/** The samples' one option: {@code --bootstrap-server host:port}, or none for an embedded broker. */
public final class SampleArgs {
    private SampleArgs() {
    }

    public static @Nullable String bootstrapServer(String[] args) {
        if (args.length == 0) {
            return null;
        }
        if (args.length == 2 && args[0].equals("--bootstrap-server")) {
            return args[1];
        }
        throw new IllegalArgumentException("Usage: [--bootstrap-server host:port]");
    }
}
