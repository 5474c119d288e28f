package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testkit.BlockHoundExtension;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Global options, help, completion, exit codes and error messages. */
@ExtendWith(BlockHoundExtension.class)
final class CliBasicsTest {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b.topic("basics", 1));

    private static String bootstrap() {
        return BROKER.bootstrapServers();
    }

    @Test
    void describesTheClusterAsTableAndJson() {
        Cli.Result table = Cli.on(bootstrap(), "cluster", "info").ok();
        assertThat(table.lines().get(0)).matches("Cluster ID: \\S+");
        assertThat(table.lines().get(1)).isEqualTo("Controller: 1");
        assertThat(table.lines().get(2)).matches("ID +HOST +PORT +RACK");
        assertThat(table.lines().get(3)).matches("1 +localhost +" + BROKER.broker().port() + " +-");

        JsonNode json = Cli.on(bootstrap(), "cluster", "info", "--output", "json").ok().json();
        assertThat(json.get("clusterId").asText()).isEqualTo(table.lines().get(0).substring("Cluster ID: ".length()));
        assertThat(json.get("controller").get("id").asInt()).isEqualTo(1);
        assertThat(json.get("brokers").get(0).get("port").asInt()).isEqualTo(BROKER.broker().port());
    }

    @Test
    void anUnreachableBrokerFailsWithinTheTimeoutWithOneLine() {
        long start = System.nanoTime();
        Cli.Result unreachable = Cli.run("topics", "list", "--bootstrap-server", "localhost:1", "--api-timeout-ms",
            "1500");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.out()).isEmpty();
        assertThat(unreachable.err()).startsWith("tributary: ").contains("1500 ms").contains("localhost:1")
            .contains("Connection refused").hasLineCount(1);
        assertThat(took).isLessThan(Duration.ofMillis(1500 + 3000));
    }

    @Test
    void producingToAnUnreachableBrokerFailsWithinTheTimeout() {
        long start = System.nanoTime();
        Cli.Result unreachable = Cli.runWithInput("x\n", "produce", "--topic", "t", "--bootstrap-server", "localhost:1",
            "--api-timeout-ms", "1000");

        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.err()).startsWith("tributary: ").hasLineCount(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void verbosePrintsTheStackTrace() {
        Cli.Result verbose = Cli.on(bootstrap(), "topics", "describe", "--topic", "no-such-topic", "--verbose");

        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.err()).startsWith("tributary: UNKNOWN_TOPIC_OR_PARTITION").contains("\tat ");
    }

    @Test
    void usageErrorsExitWithTwo() {
        Cli.Result unknownOption = Cli.on(bootstrap(), "topics", "list", "--no-such-option");
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("Unknown option: '--no-such-option'")
            .contains("Try 'tributary topics list --help'");

        Cli.Result unknownCommand = Cli.run("topix");
        assertThat(unknownCommand.exitCode()).isEqualTo(2);
        assertThat(unknownCommand.err()).contains("topics");

        assertThat(Cli.run("topics").exitCode()).isEqualTo(2);
        assertThat(Cli.run().exitCode()).isEqualTo(2);
        Cli.Result missing = Cli.on(bootstrap(), "topics", "create");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--topic=TOPIC'");
        Cli.Result badOutput = Cli.on(bootstrap(), "topics", "list", "--output", "xml");
        assertThat(badOutput.exitCode()).isEqualTo(2);
        assertThat(badOutput.err()).contains("--output");
        assertThat(Cli.on(bootstrap(), "topics", "create", "--topic", "x", "--partitions", "many").exitCode())
            .isEqualTo(2);
        assertThat(Cli.on(bootstrap(), "topics", "create", "--topic", "x", "--partitions", "0").exitCode())
            .isEqualTo(2);
    }

    @Test
    void helpListsCommandsAndOptions() {
        Cli.Result help = Cli.run("--help").ok();
        assertThat(help.out()).contains("Usage: tributary").contains("topics").contains("produce")
            .contains("consume").contains("groups").contains("configs").contains("perf").contains("cluster")
            .contains("broker").contains("generate-completion");

        Cli.Result createHelp = Cli.run("topics", "create", "--help").ok();
        assertThat(createHelp.out()).contains("--partitions").contains("--replication-factor").contains("--config")
            .contains("--bootstrap-server").contains("--command-config").contains("--output");

        assertThat(Cli.run("--version").ok().out()).startsWith("tributary ");
    }

    @Test
    void generatesABashCompletionScript() {
        Cli.Result completion = Cli.run("generate-completion").ok();

        assertThat(completion.out()).contains("complete -F _complete_tributary")
            .contains("reset-offsets").contains("--bootstrap-server").contains("--from-beginning");
    }

    @Test
    void readsClientPropertiesFromTheCommandConfig(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("client.properties");
        Files.write(config, List.of("bootstrap.servers=" + bootstrap(), "client.id=from-file",
            "request.timeout.ms=5000"), StandardCharsets.UTF_8);

        Cli.Result listed = Cli.run("topics", "list", "--command-config", config.toString()).ok();
        assertThat(listed.out()).contains("basics");

        Cli.Result produced = Cli.runWithInput("v\n", "produce", "--topic", "basics", "--command-config",
            config.toString());
        assertThat(produced.exitCode()).isZero();

        // --bootstrap-server wins over the file.
        Cli.Result overridden = Cli.run("topics", "list", "--command-config", config.toString(),
            "--bootstrap-server", "localhost:1", "--api-timeout-ms", "500");
        assertThat(overridden.exitCode()).isEqualTo(1);
        assertThat(overridden.err()).contains("localhost:1");
    }

    @Test
    void rejectsUnknownAndMissingCommandConfig(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("producer.properties");
        Files.write(config, List.of("bootstrap.servers=" + bootstrap(), "no.such.property=1"),
            StandardCharsets.UTF_8);

        Cli.Result unknown = Cli.runWithInput("v\n", "produce", "--topic", "basics", "--command-config",
            config.toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no.such.property");

        Cli.Result missing = Cli.run("topics", "list", "--command-config", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("--command-config: no such file");
    }
}
