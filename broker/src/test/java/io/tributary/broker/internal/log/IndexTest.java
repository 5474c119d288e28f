package io.tributary.broker.internal.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.internal.log.OffsetIndex.OffsetPosition;
import io.tributary.broker.internal.log.TimeIndex.TimestampOffset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class IndexTest {
    @TempDir
    Path dir;

    @Test
    void offsetIndexLooksUpFloorEntries() throws IOException {
        Path file = dir.resolve("00000000000000000100.index");
        OffsetIndex index = new OffsetIndex(file, 100, 84);
        assertThat(Files.size(file)).isEqualTo(80);
        assertThat(index.maxEntries()).isEqualTo(10);
        assertThat(index.lookup(150)).isEqualTo(new OffsetPosition(100, 0));
        index.append(104, 100);
        index.append(110, 250);
        index.append(120, 400);
        assertThat(index.lookup(103)).isEqualTo(new OffsetPosition(100, 0));
        assertThat(index.lookup(104)).isEqualTo(new OffsetPosition(104, 100));
        assertThat(index.lookup(119)).isEqualTo(new OffsetPosition(110, 250));
        assertThat(index.lookup(Long.MAX_VALUE)).isEqualTo(new OffsetPosition(120, 400));
        assertThat(index.lastOffset()).isEqualTo(120);
        assertThatThrownBy(() -> index.append(120, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.append(99, 500)).isInstanceOf(IllegalArgumentException.class);
        index.truncateTo(110);
        assertThat(index.entries()).isEqualTo(1);
        index.append(111, 260);
        index.trimToValidSize();
        assertThat(Files.size(file)).isEqualTo(16);
        assertThat(index.isFull()).isTrue();
        assertThatThrownBy(() -> index.append(130, 600)).isInstanceOf(IllegalStateException.class);
        index.close();

        OffsetIndex reopened = new OffsetIndex(file, 100, 84);
        assertThat(reopened.entries()).isEqualTo(2);
        assertThat(reopened.loadedTrimmed()).isTrue();
        assertThat(reopened.entry(1)).isEqualTo(new OffsetPosition(111, 260));
        assertThat(reopened.pointsBeyond(260)).isTrue();
        assertThat(reopened.pointsBeyond(261)).isFalse();
        reopened.close();
    }

    @Test
    void anUntrimmedIndexIsDetectedOnOpen() throws IOException {
        Path file = dir.resolve("00000000000000000000.index");
        OffsetIndex index = new OffsetIndex(file, 0, 800);
        index.append(3, 100);
        index.append(7, 200);
        index.flush();
        index.closeHandler();
        OffsetIndex reopened = new OffsetIndex(file, 0, 800);
        assertThat(reopened.entries()).isEqualTo(2);
        assertThat(reopened.loadedTrimmed()).isFalse();
        reopened.reset();
        assertThat(reopened.entries()).isZero();
        reopened.delete();
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void timeIndexKeepsOnlyIncreasingTimestamps() throws IOException {
        Path file = dir.resolve("00000000000000000050.timeindex");
        TimeIndex index = new TimeIndex(file, 50, 36);
        assertThat(index.lookup(1_000)).isEqualTo(new TimestampOffset(-1, 50));
        index.maybeAppend(1_000, 52, false);
        index.maybeAppend(900, 53, false);
        index.maybeAppend(1_000, 54, false);
        index.maybeAppend(-1, 55, false);
        index.maybeAppend(2_000, 56, false);
        assertThat(index.entries()).isEqualTo(2);
        assertThat(index.lookup(999)).isEqualTo(new TimestampOffset(-1, 50));
        assertThat(index.lookup(1_500)).isEqualTo(new TimestampOffset(1_000, 52));
        assertThat(index.lookup(2_000)).isEqualTo(new TimestampOffset(2_000, 56));
        index.maybeAppend(3_000, 57, false);
        assertThat(index.isFull()).isTrue();
        assertThatThrownBy(() -> index.maybeAppend(4_000, 58, false)).isInstanceOf(IllegalStateException.class);
        index.maybeAppend(4_000, 58, true);
        assertThat(index.lastEntry()).isEqualTo(new TimestampOffset(4_000, 58));
        assertThatThrownBy(() -> index.maybeAppend(5_000, 57, true)).isInstanceOf(IllegalArgumentException.class);
        index.truncateTo(57);
        assertThat(index.lastEntry()).isEqualTo(new TimestampOffset(2_000, 56));
        index.close();
        assertThat(Files.size(file)).isEqualTo(24);
        TimeIndex reopened = new TimeIndex(file, 50, 36);
        assertThat(reopened.entries()).isEqualTo(2);
        assertThat(reopened.loadedTrimmed()).isTrue();
        reopened.close();
    }
}
