package io.tributary.connect.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: the newest installed {@code /usr/lib/postgresql/<version>/bin} (or
 * {@code $TRIBUTARY_PG_BIN}) initializes a cluster in a fresh temporary directory and runs it on a free localhost
 * port, its socket in that directory, with fsync off and trust authentication. As PostgreSQL refuses to run as
 * root, a root JVM runs the server commands as the {@code postgres} user, who then owns the directory. {@link #stop}
 * and {@link #start} stop and restart it on the same port and data; {@link #close} stops it and deletes everything.
 */
public final class PostgresServer implements AutoCloseable {
    /** The database superuser to connect as (no password: trust authentication). */
    public static final String SUPERUSER = "postgres";
    private static final String SYSTEM_USER = "postgres";
    private static final String INSTALL_ROOT = "/usr/lib/postgresql";

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final Path log;
    private final int port;
    private final boolean asSystemUser;
    private boolean running;

    private PostgresServer(Path bin, Path dir, int port, boolean asSystemUser) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.log = dir.resolve("postgres.log");
        this.port = port;
        this.asSystemUser = asSystemUser;
    }

    /**
     * Initializes and starts a new server. Blocks for about a second.
     *
     * @throws IllegalStateException if PostgreSQL is not installed or does not start
     */
    public static PostgresServer launch() {
        Path bin = findBin();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("tributary-pg-");
            if (root) {
                UserPrincipal owner;
                try {
                    owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SYSTEM_USER);
                } catch (IOException e) {
                    throw new IllegalStateException("Running as root, PostgreSQL must run as the '" + SYSTEM_USER
                        + "' system user, which does not exist (the postgresql package creates it)", e);
                }
                Files.setOwner(dir, owner);
            }
            PostgresServer server = new PostgresServer(bin, dir, freePort(), root);
            server.initdb();
            server.start0();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-server-cleanup"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findBin() {
        String override = System.getenv("TRIBUTARY_PG_BIN");
        if (override != null && !override.isBlank()) {
            Path bin = Path.of(override);
            if (!Files.isExecutable(bin.resolve("initdb"))) {
                throw new IllegalStateException("TRIBUTARY_PG_BIN=" + override + " has no initdb");
            }
            return bin;
        }
        Path root = Path.of(INSTALL_ROOT);
        List<Path> installed = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .forEach(installed::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return installed.stream()
                        .max(Comparator.comparingDouble(PostgresServer::version))
                        .orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed: no "
                            + INSTALL_ROOT + "/<version>/bin/initdb found. The JDBC connector tests run a real "
                            + "PostgreSQL server; install it with bin/install-test-tools (apt-get install postgresql) "
                            + "or set TRIBUTARY_PG_BIN to a directory holding initdb, pg_ctl and postgres."));
    }

    private static double version(Path bin) {
        try {
            return Double.parseDouble(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void initdb() {
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SYSTEM_USER, "--auth=trust",
            "-E", "UTF8", "--locale=C", "--no-sync"));
    }

    /** Starts the stopped server again, on the same port and data. */
    synchronized void start() {
        if (!running) {
            start0();
        }
    }

    private void start0() {
        String options = "-p " + port + " -k " + dir + " -c listen_addresses=localhost -c fsync=off"
            + " -c synchronous_commit=off -c full_page_writes=off";
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60",
            "-o", options, "start"));
        running = true;
    }

    /** Stops the server fast: open sessions are terminated, as when a database goes away. */
    synchronized void stop() {
        if (running) {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "60",
                "stop"));
            running = false;
        }
    }

    int port() {
        return port;
    }

    /** The JDBC URL of {@code database}. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A connection to {@code database} as the superuser. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), SYSTEM_USER, "");
    }

    /** Creates an empty database. */
    public void createDatabase(String name) {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    /** Runs statements on {@code database} in auto-commit mode. */
    void execute(String database, String... sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Failed: " + String.join("; ", sql), e);
        }
    }

    /** The rows of a query on {@code database}, each a map of column label to value ({@link ResultSet#getObject}). */
    List<Map<String, Object>> query(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData metadata = rows.getMetaData();
            List<Map<String, Object>> out = new ArrayList<>();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= metadata.getColumnCount(); i++) {
                    row.put(metadata.getColumnLabel(i), rows.getObject(i));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Failed: " + sql, e);
        }
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asSystemUser) {
            full.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
        }
        full.addAll(command);
        try {
            Path output = Files.createTempFile("tributary-pg-cmd-", ".log");
            try {
                Process process = new ProcessBuilder(full).redirectErrorStream(true)
                                                          .redirectOutput(output.toFile())
                                                          .start();
                if (!process.waitFor(90, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Timed out: " + String.join(" ", full));
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("Failed (exit " + process.exitValue() + "): "
                        + String.join(" ", full) + "\n" + Files.readString(output, StandardCharsets.UTF_8)
                        + "\nServer log:\n" + serverLog());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + full, e);
        }
    }

    private String serverLog() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(none)";
    }

    /** Stops the server, if running, and deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        try {
            stop();
        } catch (RuntimeException e) {
            System.err.println("Stopping PostgreSQL failed: " + e.getMessage());
        }
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("Deleting " + dir + " failed: " + e.getMessage());
            }
        }
    }
}
