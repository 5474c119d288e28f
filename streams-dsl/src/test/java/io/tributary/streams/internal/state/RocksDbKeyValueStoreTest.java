package io.tributary.streams.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.serdes.Serdes;
import io.tributary.streams.KeyValue;
import io.tributary.streams.StreamsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RocksDbKeyValueStoreTest {
    record Logged(byte[] key, byte @Nullable [] value, long timestamp) {
    }

    @TempDir
    Path dir;
    private RocksDbMemory memory;
    private final List<Logged> changelog = new ArrayList<>();
    private long recordTimestamp = 7;

    @BeforeEach
    void memory() {
        memory = RocksDbMemory.create(8L << 20);
    }

    @AfterEach
    void freeMemory() {
        memory.close();
    }

    private TimestampedKeyValueStore<String, String> open(String name) {
        return new TimestampedKeyValueStore<>(name, Serdes.string(), Serdes.string(), true,
            (k, v, t) -> changelog.add(new Logged(k, v, t)), () -> recordTimestamp,
            RocksDbBytesStore.open(name, dir.resolve(name), memory));
    }

    @Test
    void rangeAllAndPrefixScanFollowTheUnsignedOrderOfSerializedKeys() {
        TimestampedKeyValueStore<String, String> store = open("s");
        try {
            for (String k : List.of("b", "a", "\u00e9", "c", "ab")) {
                store.put(k, k.toUpperCase());
            }
            // "é" is 0xC3 0xA9 in UTF-8: after every ASCII key, as in the in-memory store and Kafka Streams.
            assertThat(store.all()).extracting(KeyValue::key).containsExactly("a", "ab", "b", "c", "\u00e9");
            assertThat(store.range("ab", "c")).extracting(KeyValue::value).containsExactly("AB", "B", "C");
            assertThat(store.range("c", "b")).isEmpty();
            assertThat(store.prefixScan("a".getBytes())).extracting(KeyValue::key).containsExactly("a", "ab");
            assertThat(store.approximateNumEntries()).isEqualTo(5);
        } finally {
            store.close();
        }
    }

    @Test
    void valuesKeepTheirTimestampAndEveryWriteIsLogged() {
        TimestampedKeyValueStore<String, String> store = open("s");
        try {
            store.put("k", "v", 42);
            store.put("j", "w");
            assertThat(store.getWithTimestamp("k")).isEqualTo(new ValueAndTimestamp<>("v", 42L));
            assertThat(store.getWithTimestamp("j")).isEqualTo(new ValueAndTimestamp<>("w", 7L));
            assertThat(store.delete("k")).isEqualTo("v");
            assertThat(store.get("k")).isNull();
            assertThat(changelog).extracting(Logged::timestamp).containsExactly(42L, 7L, 7L);
            assertThat(changelog.get(2).value()).isNull();
            // A restored record is applied but not logged again.
            store.restore("r".getBytes(), "x".getBytes(), 3);
            assertThat(store.getWithTimestamp("r")).isEqualTo(new ValueAndTimestamp<>("x", 3L));
            assertThat(changelog).hasSize(3);
        } finally {
            store.close();
        }
    }

    @Test
    void dataSurvivesCloseAndReopen() {
        TimestampedKeyValueStore<String, String> first = open("s");
        first.put("a", "1", 5);
        first.put("b", "2", 6);
        first.delete("b");
        first.close();
        TimestampedKeyValueStore<String, String> second = open("s");
        try {
            assertThat(second.all()).containsExactly(KeyValue.pair("a", "1"));
            assertThat(second.getWithTimestamp("a")).isEqualTo(new ValueAndTimestamp<>("1", 5L));
        } finally {
            second.close();
        }
    }

    @Test
    void aClosedStoreThrowsInsteadOfTouchingFreedNativeMemory() {
        TimestampedKeyValueStore<String, String> store = open("s");
        store.close();
        store.close();   // idempotent
        assertThatThrownBy(() -> store.get("a")).isInstanceOf(IllegalStateException.class).hasMessageContaining("s");
        assertThatThrownBy(store::all).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFileWhereTheDirectoryShouldBeFailsOpenNamingIt() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "x");
        assertThatThrownBy(() -> RocksDbBytesStore.open("s", blocker.resolve("s"), memory))
            .isInstanceOf(StreamsException.class)
            .hasMessageContaining(blocker.toString());
    }

    @Test
    void behavesLikeTheInMemoryStoreUnderRandomOperations() {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            InMemoryKeyValueStore<String, String> expected = new InMemoryKeyValueStore<>("m", Serdes.string(),
                Serdes.string(), false, ChangeLogger.NONE, () -> recordTimestamp);
            TimestampedKeyValueStore<String, String> actual = open("r" + seed);
            try {
                for (int i = 0; i < 2_000; i++) {
                    String key = randomKey(random);
                    recordTimestamp = random.nextInt(1000);
                    switch (random.nextInt(6)) {
                        case 0, 1, 2 -> {
                            String value = "v" + random.nextInt(100);
                            expected.put(key, value);
                            actual.put(key, value);
                        }
                        case 3 -> assertThat(actual.delete(key)).isEqualTo(expected.delete(key));
                        case 4 -> {
                            String to = randomKey(random);
                            assertThat(actual.range(key, to)).isEqualTo(expected.range(key, to));
                        }
                        default -> {
                            byte[] prefix = key.substring(0, Math.min(1, key.length())).getBytes();
                            assertThat(actual.prefixScan(prefix)).isEqualTo(expected.prefixScan(prefix));
                        }
                    }
                    assertThat(actual.getWithTimestamp(key)).isEqualTo(expected.getWithTimestamp(key));
                }
                assertThat(actual.all()).isEqualTo(expected.all());
            } finally {
                actual.close();
            }
        }
    }

    /** Short keys over a few characters, one above ASCII, so that prefixes, equal keys and high bytes are common. */
    private static String randomKey(Random random) {
        String alphabet = "ab\u00e9\u0001";
        StringBuilder key = new StringBuilder();
        int length = random.nextInt(4);
        for (int i = 0; i < length; i++) {
            key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return key.toString();
    }
}
