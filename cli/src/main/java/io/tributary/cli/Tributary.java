package io.tributary.cli;

import io.tributary.cli.internal.CliLogging;
import io.tributary.cli.internal.ErrorMessages;
import io.tributary.cli.internal.StopSignal;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code tributary} command line: runs a broker and manages topics, records, groups and configs of any Kafka
 * cluster (Tributary's broker or Apache Kafka) through the Tributary SDKs.
 *
 * <pre>{@code
 * tributary broker start --data-dir /tmp/tributary-data
 * tributary topics create --topic orders --partitions 3
 * echo 'k1:hello' | tributary produce --topic orders --key-separator :
 * tributary consume --topic orders --from-beginning --print-key --max-messages 1
 * }</pre>
 *
 * <p>Exit codes: 0 when the command succeeded, 1 when it failed (one line on stderr, the stack trace only with
 * {@code --verbose}), 2 for a usage error (unknown option, missing or malformed argument).
 *
 * @since 0.1
 */
@Command(name = "tributary", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
    versionProvider = Tributary.Version.class, usageHelpAutoWidth = true,
    description = "Runs a Tributary broker and works with any Kafka cluster: topics, records, groups, configs.",
    footer = {"", "Exit codes: 0 ok, 1 error, 2 usage error."})
public final class Tributary {
    /** How long the shutdown hook waits for a command to clean up after Ctrl-C. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);

    /** The commands, in the order of the help. */
    private static final Map<String, Class<?>> COMMANDS = commands();

    private final CliContext context;

    Tributary(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        if (List.of(args).contains("--verbose") || List.of(args).contains("-v")) {
            // Read by CliLogging when the first logger is created.
            System.setProperty(CliLogging.LEVEL_PROPERTY, "INFO");
        }
        StopSignal stop = new StopSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.request();
            try {
                stop.awaitFinished(SHUTDOWN_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tributary-cli-shutdown"));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = commandLine(new CliContext(System.in, stop), out, err, args).execute(args);
        out.flush();
        err.flush();
        stop.finished();
        System.exit(code);
    }

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("broker", BrokerCommand.class);
        commands.put("topics", TopicsCommand.class);
        commands.put("produce", ProduceCommand.class);
        commands.put("consume", ConsumeCommand.class);
        commands.put("groups", GroupsCommand.class);
        commands.put("configs", ConfigsCommand.class);
        commands.put("perf", PerfCommand.class);
        commands.put("cluster", ClusterCommand.class);
        commands.put("generate-completion", AutoComplete.GenerateCompletion.class);
        return Collections.unmodifiableMap(commands);
    }

    /**
     * The command line for {@code args}, with its output writers, error handling and exit codes. Start-up time: when
     * {@code args} start with a command's name, only that command's model is built (picocli reflects over every
     * command it is given); the help, completion and unknown commands get them all.
     */
    static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Tributary(context));
        String first = args.length > 0 ? args[0] : "";
        boolean one = COMMANDS.containsKey(first) && !first.equals("generate-completion");
        COMMANDS.forEach((name, command) -> {
            if (!one || name.equals(first)) {
                cl.addSubcommand(name, command);
            }
        });
        // Set after the subcommands were added: picocli hands these settings to the subcommands it has.
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(Tributary::onFailure);
        cl.setParameterExceptionHandler(Tributary::onUsageError);
        return cl;
    }

    private static int onFailure(Exception error, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        err.println("tributary: " + ErrorMessages.of(error));
        if (verbose(parsed)) {
            ErrorMessages.unwrap(error).printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    private static int onUsageError(ParameterException error, String[] args) {
        CommandLine cl = error.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("tributary: " + error.getMessage());
        UnmatchedArgumentException.printSuggestions(error, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** The version from the jar's manifest; {@code dev} when run from classes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Tributary.class.getPackage().getImplementationVersion();
            return new String[] {"tributary " + (v == null ? "dev" : v), "picocli " + CommandLine.VERSION,
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
