package io.tributary.samples.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class AvroPipelineSampleTest {

    @Test
    void ordersWrittenAsAvroThroughTheRegistryAreReadBackAndTotalled() {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            AvroPipelineSample.main(new String[0]);
        } finally {
            System.setOut(out);
        }
        // Orders i = 0..89, amount 1.5 × (i % 10); every third (i % 3 == 0) in USD, 30 of them: i = 0, 3, ..., 87.
        double usd = 0;
        double eur = 0;
        for (int i = 0; i < 90; i++) {
            if (i % 3 == 0) {
                usd += 1.5 * (i % 10);
            } else {
                eur += 1.5 * (i % 10);
            }
        }
        assertThat(captured.toString(StandardCharsets.UTF_8).lines().toList())
            .containsExactly("EUR " + eur, "USD " + usd);
    }
}
