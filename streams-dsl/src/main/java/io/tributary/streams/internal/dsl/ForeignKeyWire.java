package io.tributary.streams.internal.dsl;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What a foreign-key join's two sides send each other (KIP-213's scheme, in a format of our own): a subscription
 * from a left row to the right row its foreign key names, and the right row's value back, tagged with the hash of
 * the left value that subscribed, so that an answer overtaken by a newer left value is recognised and dropped.
 * Stateless.
 */
final class ForeignKeyWire {
    static final byte SUBSCRIBE = 1;
    static final byte UNSUBSCRIBE = 2;
    static final int HASH_BYTES = 16;
    private static final byte[] NO_HASH = new byte[HASH_BYTES];
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has MD5", e);
        }
    });

    private ForeignKeyWire() {
    }

    /** A subscription: instruction, the subscribing left value's hash (zeros to unsubscribe), the left key. */
    record Subscription(byte instruction, byte[] hash, byte[] leftKey) {
        byte[] write() {
            return ByteBuffer.allocate(1 + HASH_BYTES + leftKey.length).put(instruction).put(hash).put(leftKey)
                .array();
        }

        static Subscription read(byte[] bytes) {
            if (bytes.length < 1 + HASH_BYTES) {
                throw new IllegalArgumentException("A foreign-key subscription of " + bytes.length + " bytes");
            }
            return new Subscription(bytes[0], Arrays.copyOfRange(bytes, 1, 1 + HASH_BYTES),
                Arrays.copyOfRange(bytes, 1 + HASH_BYTES, bytes.length));
        }

        static Subscription subscribe(byte[] hash, byte[] leftKey) {
            return new Subscription(SUBSCRIBE, hash, leftKey);
        }

        static Subscription unsubscribe(byte[] leftKey) {
            return new Subscription(UNSUBSCRIBE, NO_HASH, leftKey);
        }
    }

    /** An answer: the hash the subscription carried, then the right value's bytes (none: the row is absent). */
    record Response(byte[] hash, byte @Nullable [] rightValue) {
        byte[] write() {
            ByteBuffer b = ByteBuffer.allocate(HASH_BYTES + 1 + (rightValue == null ? 0 : rightValue.length));
            b.put(hash).put((byte) (rightValue == null ? 0 : 1));
            if (rightValue != null) {
                b.put(rightValue);
            }
            return b.array();
        }

        static Response read(byte[] bytes) {
            if (bytes.length < HASH_BYTES + 1) {
                throw new IllegalArgumentException("A foreign-key response of " + bytes.length + " bytes");
            }
            byte[] hash = Arrays.copyOfRange(bytes, 0, HASH_BYTES);
            return new Response(hash, bytes[HASH_BYTES] == 0 ? null
                : Arrays.copyOfRange(bytes, HASH_BYTES + 1, bytes.length));
        }
    }

    /** The hash of a left value's bytes that a subscription and its answers carry. */
    static byte[] hash(byte[] leftValue) {
        MessageDigest md5 = MD5.get();
        md5.reset();
        return md5.digest(leftValue);
    }

    /**
     * The subscription store's key: the right key's length and bytes, then the left key, so that the subscribers of
     * one right key are adjacent.
     */
    static byte[] storeKey(byte[] rightKey, byte[] leftKey) {
        return ByteBuffer.allocate(4 + rightKey.length + leftKey.length).putInt(rightKey.length).put(rightKey)
            .put(leftKey).array();
    }

    /** The prefix of the subscription store's keys of one right key. */
    static byte[] storePrefix(byte[] rightKey) {
        return ByteBuffer.allocate(4 + rightKey.length).putInt(rightKey.length).put(rightKey).array();
    }

    /** The left key of a subscription store key. */
    static byte[] leftKeyOf(byte[] storeKey) {
        int rightLength = ByteBuffer.wrap(storeKey).getInt();
        return Arrays.copyOfRange(storeKey, 4 + rightLength, storeKey.length);
    }
}
