package io.tributary.cli.internal;

import java.util.SplittableRandom;

/** Record payloads for the perf commands: printable random letters, as Kafka's perf tools send. */
public final class Payloads {
    private Payloads() {
    }

    /** {@code size} random upper-case letters. */
    public static byte[] random(int size, SplittableRandom random) {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) ('A' + random.nextInt(26));
        }
        return payload;
    }
}
