package io.mentorium.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of its own for the benchmark, in a fresh data directory, started from the same PostgreSQL 18
 * binaries the bot embeds but configured for production durability: every commit waits for its WAL to reach the disk.
 * The figures of a server with fsync off would flatter the bot, whose every update is a commit.
 *
 * <p>{@code pg_stat_statements} is loaded so that the benchmark can count the statements (round trips) per update.
 */
final class PostgresServer implements AutoCloseable {

    static final String DATABASE = "mentorium";
    private static final String USER = "postgres";

    /** Settings passed on the server's command line; the run fails unless the server reports the durable ones on. */
    private static final Map<String, String> SETTINGS = settings();

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Path pgData;
    private final int port;
    private final Thread shutdownHook;
    private boolean stopped;

    private PostgresServer(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path pgData, int port) {
        this.server = server;
        this.pgData = pgData;
        this.port = port;
        // A failed or interrupted run must not leave a server behind in target/.
        this.shutdownHook = new Thread(this::stop, "benchmark-postgres-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fsync", "on");
        settings.put("synchronous_commit", "on");
        settings.put("full_page_writes", "on");
        settings.put("max_connections", "100");
        settings.put("shared_preload_libraries", "pg_stat_statements");
        settings.put("pg_stat_statements.track_utility", "on");
        settings.put("pg_stat_statements.max", "1000");
        return settings;
    }

    /** Deletes {@code directory}, then initialises and starts a server there on a free loopback port. */
    static PostgresServer startFresh(Path directory) throws IOException, SQLException {
        deleteRecursively(directory);
        Files.createDirectories(directory);
        Path pgData = directory.resolve("data");
        Path log = directory.resolve("postgres.log");
        int port = freePort();
        var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // As the bot's embedded server: no dependency on the OS's locales.
                .setLocaleConfig("locale", "C")
                .setLocaleConfig("locale-provider", "builtin")
                .setLocaleConfig("builtin-locale", "C.UTF-8")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
        SETTINGS.forEach(builder::setServerConfig);
        PostgresServer started = new PostgresServer(builder.start(), pgData, port);
        try {
            started.execute("postgres", "CREATE DATABASE " + DATABASE);
            started.execute(DATABASE, "CREATE EXTENSION pg_stat_statements");
            return started;
        } catch (SQLException | RuntimeException e) {
            started.close();
            throw e;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    String user() {
        return USER;
    }

    /** The postmaster, parent of every backend and background process. */
    long postmasterPid() {
        try (Stream<String> lines = Files.lines(pgData.resolve("postmaster.pid"))) {
            return Long.parseLong(lines.findFirst().orElseThrow().strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code name = value} of each durability setting as the running server reports it. */
    Map<String, String> durability() throws SQLException {
        Map<String, String> shown = new LinkedHashMap<>();
        for (String name : List.of("fsync", "synchronous_commit", "full_page_writes", "wal_sync_method")) {
            shown.put(name, queryString("SHOW " + name));
        }
        return shown;
    }

    String version() throws SQLException {
        return queryString("SHOW server_version");
    }

    /** Forgets the statement counts so far: the next {@link #statements()} covers only what follows. */
    void resetStatements() throws SQLException {
        execute(DATABASE, "SELECT pg_stat_statements_reset()");
    }

    /** Statements executed since the last reset, most called first (the benchmark's own queries left out). */
    List<StatementCount> statements() throws SQLException {
        List<StatementCount> counts = new ArrayList<>();
        try (Connection connection = connect(DATABASE);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT s.query, sum(s.calls)::bigint AS calls, sum(s.total_exec_time) AS millis
                     FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                     WHERE d.datname = current_database() AND s.query NOT LIKE '%pg_stat_%'
                     GROUP BY s.query ORDER BY calls DESC""")) {
            while (rows.next()) {
                counts.add(new StatementCount(rows.getString(1), rows.getLong(2), rows.getDouble(3)));
            }
        }
        return counts;
    }

    /**
     * Gives these parents a paid year, as if each had paid: the assistant is a paid feature, and the free trial is once
     * per family, which a benchmark with thousands of parents of a few demo children would otherwise exhaust.
     */
    void grantYear(java.util.Collection<Long> parentIds) throws SQLException {
        try (Connection connection = connect(DATABASE);
             java.sql.PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO bot.subscription_grants (payment_id, parent_id, plan, paid_at)
                     SELECT 'benchmark-' || id, id, 'YEAR', now() FROM unnest(?) AS id
                     ON CONFLICT (payment_id) DO NOTHING""")) {
            insert.setArray(1, connection.createArrayOf("bigint", parentIds.toArray()));
            insert.executeUpdate();
        }
    }

    /** Committed transactions in the bot's database so far (every autocommit statement is one). */
    long commits() throws SQLException {
        return Long.parseLong(queryString(
                "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"));
    }

    /** WAL flushes to disk so far (PostgreSQL 18 counts them in {@code pg_stat_io}); each waits for the device. */
    long walSyncs() throws SQLException {
        return Long.parseLong(queryString(
                "SELECT coalesce(sum(fsyncs), 0)::bigint FROM pg_stat_io WHERE object = 'wal'"));
    }

    /** One normalised statement ({@code $1} for parameters) and how often and how long it ran. */
    record StatementCount(String query, long calls, double totalMillis) {
    }

    private String queryString(String sql) throws SQLException {
        try (Connection connection = connect(DATABASE);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private void execute(String database, String sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, USER, "");
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            server.close();
        } catch (IOException e) {
            System.err.println("Could not stop PostgreSQL in " + pgData + ": " + e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
