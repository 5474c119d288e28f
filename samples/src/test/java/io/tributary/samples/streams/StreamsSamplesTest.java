package io.tributary.samples.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.samples.SampleOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

final class StreamsSamplesTest {

    @Test
    void wordCountPrintsItsTopologyAndTheMostFrequentWords() {
        List<String> out = SampleOutput.of(() -> WordCountSample.main(new String[0]));
        assertThat(out).anyMatch(line -> line.contains("Sub-topology"));
        assertThat(out).anyMatch(line -> line.contains("words-repartition"));
        // "a" five times; "of" and "records" three times each; then the words seen twice, in key order.
        assertThat(out.subList(out.size() - 5, out.size()))
            .containsExactly("a 5", "of 3", "records 3", "in 2", "is 2");
    }

    @Test
    void theWindowedCountCountsPerMinuteAndDropsTheViewThatCameAfterItsWindowClosed() {
        assertThat(SampleOutput.of(() -> WindowedCountSample.main(new String[0]))).containsExactly(
            "cart [  0 s,  60 s) 2 views",
            "home [  0 s,  60 s) 2 views",
            "cart [ 60 s, 120 s) 1 view",
            "home [ 60 s, 120 s) 1 view",
            "cart [120 s, 180 s) 1 view",
            "home [120 s, 180 s) 1 view");
    }

    @Test
    void theStreamTableJoinEnrichesOrdersOfKnownCustomersOnly() {
        assertThat(SampleOutput.of(() -> StreamTableJoinSample.main(new String[0]))).containsExactly(
            "c1 Ada ordered 1 laptop",
            "c2 Grace ordered 1 lamp",
            "c2 Grace ordered 3 books",
            "c3 Linus ordered 2 keyboards");
    }

    @Test
    void theForeignKeyJoinFollowsEachOrdersCustomerAcrossPartitionCounts() {
        assertThat(SampleOutput.of(() -> ForeignKeyJoinSample.main(new String[0]))).containsExactly(
            "o1 Grace H.: 3 books",
            "o2 Ada: 1 laptop",
            "o4 Linus: 2 keyboards",
            "o5 Grace H.: 1 lamp");
    }
}
