package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.BlockHoundExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(BlockHoundExtension.class)
final class BrokerStartCommandTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (localhost:\\d+)");

    @Test
    void runsABrokerUntilStoppedAndKeepsItsDataAcrossRestarts(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Cli.Running broker = Cli.start("broker", "start", "--port", "0", "--data-dir", data.toString());
        String bootstrap = awaitListening(broker);
        Cli.on(bootstrap, "topics", "create", "--topic", "kept", "--partitions", "2").ok();
        Cli.onWithInput(bootstrap, "k:v\n", "produce", "--topic", "kept", "--key-separator", ":").ok();

        Cli.Result stopped = broker.stop();
        assertThat(stopped.exitCode()).isZero();
        assertThat(stopped.out()).contains("Tributary broker 1 listening on localhost:")
            .contains(data.toAbsolutePath().toString()).endsWith("Tributary broker stopped.\n");
        assertThat(Files.isDirectory(data.resolve("kept-0"))).isTrue();

        Cli.Running restarted = Cli.start("broker", "start", "--port", "0", "--data-dir", data.toString());
        try {
            String again = awaitListening(restarted);
            assertThat(Cli.on(again, "consume", "--topic", "kept", "--from-beginning", "--print-key",
                "--max-messages", "1").ok().lines()).containsExactly("k\tv");
        } finally {
            assertThat(restarted.stop().exitCode()).isZero();
        }
    }

    @Test
    void readsAServerPropertiesFileAndLetsOptionsOverrideIt(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("server.properties");
        Files.write(config, List.of("node.id=7", "listeners=PLAINTEXT://localhost:1", "log.dirs=" + dir.resolve("a"),
            "num.partitions=3"), StandardCharsets.UTF_8);
        Cli.Running broker = Cli.start("broker", "start", "--config", config.toString(), "--port", "0",
            "--data-dir", dir.resolve("b").toString());
        try {
            String bootstrap = awaitListening(broker);
            assertThat(broker.out()).startsWith("Tributary broker 7 listening on");
            Cli.on(bootstrap, "topics", "create", "--topic", "defaulted").ok();
            assertThat(Cli.on(bootstrap, "topics", "list").ok().lines()).anyMatch(l -> l.matches("defaulted +3 +1"));
            assertThat(Files.isDirectory(dir.resolve("b").resolve("defaulted-0"))).isTrue();
        } finally {
            assertThat(broker.stop().exitCode()).isZero();
        }
    }

    @Test
    void aBadConfigFileFailsNamingTheKey(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("server.properties");
        Files.write(config, List.of("num.partitions=none"), StandardCharsets.UTF_8);

        Cli.Result bad = Cli.run("broker", "start", "--config", config.toString());

        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).startsWith("tributary: ").contains("num.partitions").hasLineCount(1);
    }

    private static String awaitListening(Cli.Running broker) throws InterruptedException {
        broker.awaitOutput("(Ctrl-C to stop)", Duration.ofSeconds(20));
        Matcher m = LISTENING.matcher(broker.out());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
