package io.tributary.samples.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.samples.SampleOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

final class FileConnectorSampleTest {

    @Test
    void copiesEveryLineFromTheInputFileThroughTheTopicIntoTheOutputFile() {
        List<String> out = SampleOutput.of(() -> FileConnectorSample.main(new String[0]));
        assertThat(out).hasSize(3 + FileConnectorSample.LINES.size());
        assertThat(out.get(0)).matches("Standalone worker started; REST API at http://localhost:\\d+/");
        assertThat(out.get(1)).isEqualTo("GET /connectors: [\"file-sink\",\"file-source\"]");
        assertThat(out.get(2)).matches(
            "Copied 4 lines: input\\.txt -> topic connect-lines -> output\\.txt \\(in .*, deleted at the end\\):");
        assertThat(out.subList(3, out.size()))
            .containsExactlyElementsOf(FileConnectorSample.LINES.stream().map(line -> "  " + line).toList());
    }
}
