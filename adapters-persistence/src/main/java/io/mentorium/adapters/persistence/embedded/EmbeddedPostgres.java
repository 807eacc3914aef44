package io.mentorium.adapters.persistence.embedded;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL 18 whose data lives under {@code MENTORIUM_DATA_DIR}, shared by every process pointed at that
 * directory: the first process to call {@link #startOrJoin(Path)} owns the server (it holds an exclusive lock on
 * {@code <dataDir>/postgres.lock} for its lifetime and stops the server on {@link #close()}); any later process finds
 * the lock taken, reads the port from {@code <dataDir>/postgres.port} and connects.
 *
 * <p>Files under the data directory: {@code postgres/} (the cluster), {@code postgres.lock} (the owner's lock, holding
 * its pid for diagnostics), {@code postgres.port} (the port, chosen at first start and kept while it stays free) and
 * {@code postgres.log} (server output).
 *
 * <p>No JVM shutdown hook stops a persistent server: hooks run concurrently, so one would pull the database from under
 * the application's own graceful shutdown. The caller closes this after its own shutdown. A server left running by an
 * owner that died anyway (kill -9) is found through its {@code postmaster.pid} and stopped by the next owner before it
 * starts its own.
 *
 * <p>The superuser is {@code postgres} with trust authentication; the server listens on localhost only.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    /** The database created on start; the bot's and the platform's schemas live in it by default. */
    public static final String DEFAULT_DATABASE = "mentorium";

    static final String DATA_SUBDIRECTORY = "postgres";
    static final String LOCK_FILE = "postgres.lock";
    static final String PORT_FILE = "postgres.port";
    static final String LOG_FILE = "postgres.log";
    static final Duration DEFAULT_JOIN_TIMEOUT = Duration.ofSeconds(60);

    static final String ROOT_MESSAGE = "Embedded PostgreSQL cannot start: initdb: cannot be run as root. This process "
            + "runs as root and user namespaces (unshare -U) are not available to drop that. Run as a non-root user, "
            + "allow user namespaces, or set DATABASE_URL (with DATABASE_USER and DATABASE_PASSWORD) to use an "
            + "external PostgreSQL.";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String SUPERUSER = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration EXIT_POLL_INTERVAL = Duration.ofMillis(20);
    private static final long LOG_ROTATE_BYTES = 10L * 1024 * 1024;

    // POSIX record locks belong to the process, and closing *any* descriptor of the lock file drops all of them. So
    // inside one JVM the lock file is touched only under a per-directory monitor and never while this JVM owns the
    // directory: a second startOrJoin here joins the registered owner instead of probing the lock.
    private static final ConcurrentMap<Path, Object> MONITORS = new ConcurrentHashMap<>();
    private static final ConcurrentMap<Path, EmbeddedPostgres> OWNERS = new ConcurrentHashMap<>();

    private final int port;
    private final boolean owner;
    private final Path directory;
    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final FileChannel lockChannel;
    private final Path deleteOnClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread shutdownHook;

    private EmbeddedPostgres(int port, boolean owner, Path directory,
                             io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, FileChannel lockChannel,
                             Path deleteOnClose) {
        this.port = port;
        this.owner = owner;
        this.directory = directory;
        this.server = server;
        this.lockChannel = lockChannel;
        this.deleteOnClose = deleteOnClose;
    }

    /**
     * Starts the embedded PostgreSQL kept under {@code dataDir}, or joins the one another process (or this JVM)
     * already runs there. Returns once database {@value #DEFAULT_DATABASE} accepts connections.
     *
     * @throws EmbeddedPostgresException when the server cannot be started or reached; the message says why
     */
    public static EmbeddedPostgres startOrJoin(Path dataDir) {
        return startOrJoin(dataDir, DEFAULT_JOIN_TIMEOUT);
    }

    static EmbeddedPostgres startOrJoin(Path dataDir, Duration joinTimeout) {
        Path dir = prepareDirectory(dataDir);
        synchronized (monitor(dir)) {
            EmbeddedPostgres local = OWNERS.get(dir);
            if (local != null) {
                LOG.info("Joining embedded PostgreSQL on port {} owned by this process ({})", local.port, dir);
                return new EmbeddedPostgres(local.port, false, dir, null, null, null);
            }
            FileChannel lock = tryLock(dir.resolve(LOCK_FILE));
            return lock != null ? startOwner(dir, lock) : join(dir, joinTimeout);
        }
    }

    /**
     * Starts a throw-away server in a fresh temporary directory on a free port, for tests. It is stopped and its
     * directory deleted on {@link #close()}, or at JVM exit at the latest.
     */
    public static EmbeddedPostgres startEphemeral() {
        Path root;
        try {
            root = Files.createTempDirectory("mentorium-pg-");
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot create a temporary directory for PostgreSQL", e);
        }
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres server = null;
        try {
            Path pgData = root.resolve(DATA_SUBDIRECTORY);
            Path log = root.resolve(LOG_FILE);
            int port = freePort();
            // Durability is worthless for a throw-away cluster; these make DDL-heavy tests noticeably faster.
            server = startServer(builder(pgData, port, log)
                    .setCleanDataDirectory(true)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("synchronous_commit", "off"), pgData, log);
            ensureDatabase(port, DEFAULT_DATABASE);
            EmbeddedPostgres pg = new EmbeddedPostgres(port, true, null, server, null, root);
            Thread hook = new Thread(pg::close, "embedded-postgres-stop-" + port);
            pg.shutdownHook = hook;
            Runtime.getRuntime().addShutdownHook(hook);
            return pg;
        } catch (RuntimeException e) {
            closeQuietly(server);
            deleteRecursively(root);
            throw e;
        }
    }

    /** JDBC URL of {@code database} on this server (no credentials in it: see {@link #user()}). */
    public String jdbcUrl(String database) {
        return jdbcUrl(port, database);
    }

    /** JDBC URL of {@value #DEFAULT_DATABASE}. */
    public String jdbcUrl() {
        return jdbcUrl(DEFAULT_DATABASE);
    }

    public String user() {
        return SUPERUSER;
    }

    /** Empty: the embedded server trusts local connections. */
    public String password() {
        return "";
    }

    public int port() {
        return port;
    }

    /** Whether this process started the server (and stops it on {@link #close()}), rather than joining it. */
    public boolean owner() {
        return owner;
    }

    /**
     * The owner stops the server (fast shutdown: open sessions, including other processes', are disconnected) and
     * releases the directory; a joiner only lets go of it. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!owner) {
            return;
        }
        Object monitor = directory == null ? this : monitor(directory);
        synchronized (monitor) {
            if (directory != null) {
                OWNERS.remove(directory, this);
            }
            OptionalLong pid = readPid(dataDirectoryOf());
            closeQuietly(server);
            // pg_ctl stop gives up after 5 s and zonky only logs that; callers rely on the server being gone.
            pid.ifPresent(p -> ProcessHandle.of(p).ifPresent(h -> awaitExit(h, STOP_TIMEOUT)));
            if (lockChannel != null) {
                closeQuietly(lockChannel);
            }
            if (deleteOnClose != null) {
                deleteRecursively(deleteOnClose);
            }
            LOG.info("Embedded PostgreSQL on port {} stopped", port);
        }
        Thread hook = shutdownHook;
        if (hook != null && hook != Thread.currentThread()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // nothing to undo
            }
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgres[port=" + port + ", owner=" + owner
                + (directory == null ? ", ephemeral" : ", dir=" + directory) + "]";
    }

    // ---------------------------------------------------------------------------------------------------- owner side

    private static EmbeddedPostgres startOwner(Path dir, FileChannel lock) {
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres server = null;
        try {
            recordHolder(lock);
            Path pgData = dir.resolve(DATA_SUBDIRECTORY);
            Path log = dir.resolve(LOG_FILE);
            stopLeftoverServer(pgData);
            Path portFile = dir.resolve(PORT_FILE);
            int port = choosePort(portFile);
            writePort(portFile, port);
            rotate(log);
            LOG.info("Starting embedded PostgreSQL in {} on port {}", pgData, port);
            server = startServer(builder(pgData, port, log)
                    .setCleanDataDirectory(false)
                    // zonky runs the postmaster with -F (fsync off) and asynchronous commit: fine for tests, not for
                    // data that has to survive a power cut.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on"), pgData, log);
            ensureDatabase(port, DEFAULT_DATABASE);
            EmbeddedPostgres pg = new EmbeddedPostgres(port, true, dir, server, lock, null);
            OWNERS.put(dir, pg);
            return pg;
        } catch (RuntimeException e) {
            closeQuietly(server);
            closeQuietly(lock);
            throw e;
        }
    }

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder(Path pgData, int port, Path log) {
        return io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STARTUP_WAIT)
                // initdb otherwise takes the locale from the environment and fails on a LANG that is not installed;
                // the builtin provider gives Unicode-aware upper/lower without depending on the OS's locales.
                .setLocaleConfig("locale", "C")
                .setLocaleConfig("locale-provider", "builtin")
                .setLocaleConfig("builtin-locale", "C.UTF-8")
                // A file rather than a pipe: the output outlives this JVM when the server does, and the root check
                // below reads it.
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres startServer(
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder, Path pgData, Path log) {
        rootProblem(isRoot(), LinuxUtils.isUnshareAvailable()).ifPresent(message -> {
            throw new EmbeddedPostgresException(message);
        });
        try {
            return builder.start();
        } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
            String tail = tail(log);
            if (tail.contains("cannot be run as root")) {
                throw new EmbeddedPostgresException(ROOT_MESSAGE, e);
            }
            throw new EmbeddedPostgresException("Embedded PostgreSQL failed to start in " + pgData + ": "
                    + e.getMessage() + ". Last lines of " + log + ":\n" + tail
                    + "\nSet DATABASE_URL to use an external PostgreSQL instead.", e);
        }
    }

    /** The operator-facing message when PostgreSQL would refuse to run as this user, if it would. */
    static Optional<String> rootProblem(boolean root, boolean unshareAvailable) {
        return root && !unshareAvailable ? Optional.of(ROOT_MESSAGE) : Optional.empty();
    }

    private static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (LinkageError notUnix) {
            return false;
        }
    }

    /**
     * A postmaster.pid left behind means the previous owner did not stop its server. Either that server still runs
     * (the owner JVM was killed, the postmaster was not) and must be stopped before a new one can start, or the pid
     * file is stale and PostgreSQL might trip over it if the pid has been reused by an unrelated process.
     */
    static void stopLeftoverServer(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        OptionalLong pid = readPid(pgData);
        Optional<ProcessHandle> process = pid.isPresent()
                ? ProcessHandle.of(pid.getAsLong()).filter(EmbeddedPostgres::running)
                : Optional.empty();
        if (process.isEmpty()) {
            LOG.info("Removing stale {}: its process is gone (the previous owner did not shut PostgreSQL down)",
                    pidFile);
            deleteIfExists(pidFile);
            return;
        }
        ProcessHandle postmaster = process.get();
        Optional<String[]> arguments = postmaster.info().arguments();
        if (arguments.isEmpty()) {
            throw new EmbeddedPostgresException(pidFile + " names process " + postmaster.pid()
                    + ", which is running but cannot be inspected; if it is not a PostgreSQL server for this "
                    + "directory, delete the file, otherwise stop it (kill -INT " + postmaster.pid() + ")");
        }
        if (!Arrays.asList(arguments.get()).contains(pgData.toString())) {
            LOG.info("Removing stale {}: pid {} now belongs to an unrelated process", pidFile, postmaster.pid());
            deleteIfExists(pidFile);
            return;
        }
        LOG.warn("PostgreSQL (pid {}) still runs in {} although no process owns it; stopping it to take over",
                postmaster.pid(), pgData);
        signal(postmaster.pid(), "INT"); // fast shutdown: disconnect sessions, checkpoint, exit
        if (!awaitExit(postmaster, STOP_TIMEOUT)) {
            throw new EmbeddedPostgresException("PostgreSQL (pid " + postmaster.pid() + ") left running in " + pgData
                    + " did not stop within " + STOP_TIMEOUT.toSeconds() + " s; stop it and start again");
        }
    }

    private static void recordHolder(FileChannel lock) {
        try {
            lock.truncate(0);
            lock.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException e) {
            LOG.debug("Could not record the owner's pid in the lock file", e);
        }
    }

    private static int choosePort(Path portFile) {
        OptionalInt persisted = readPort(portFile);
        if (persisted.isPresent()) {
            if (isFree(persisted.getAsInt())) {
                return persisted.getAsInt();
            }
            LOG.warn("Port {} recorded in {} is taken by another program; choosing a new one",
                    persisted.getAsInt(), portFile);
        }
        return freePort();
    }

    private static void writePort(Path portFile, int port) {
        // Joiners may read it at any moment: write aside and rename, so they never see half a number.
        Path temporary = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, port + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, portFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot write " + portFile, e);
        }
    }

    private static void rotate(Path log) {
        try {
            if (Files.exists(log) && Files.size(log) > LOG_ROTATE_BYTES) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.debug("Could not rotate {}", log, e);
        }
    }

    private static void ensureDatabase(int port, String database) {
        try (Connection connection = connect(port, "postgres");
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
            }
            LOG.info("Created database {}", database);
        } catch (SQLException e) {
            throw new EmbeddedPostgresException("Cannot create database " + database + " on the embedded PostgreSQL", e);
        }
    }

    private Path dataDirectoryOf() {
        return directory != null ? directory.resolve(DATA_SUBDIRECTORY) : deleteOnClose.resolve(DATA_SUBDIRECTORY);
    }

    // --------------------------------------------------------------------------------------------------- joiner side

    private static EmbeddedPostgres join(Path dir, Duration timeout) {
        Path lockFile = dir.resolve(LOCK_FILE);
        Path portFile = dir.resolve(PORT_FILE);
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException lastFailure = null;
        LOG.info("{} is held by process {}; waiting for its PostgreSQL", lockFile, holder(lockFile));
        while (true) {
            OptionalInt port = readPort(portFile);
            if (port.isPresent()) {
                // The owner creates the default database before it is done starting, so reaching it means ready.
                try {
                    connect(port.getAsInt(), DEFAULT_DATABASE).close();
                    LOG.info("Joined embedded PostgreSQL on port {} ({})", port.getAsInt(), dir);
                    return new EmbeddedPostgres(port.getAsInt(), false, dir, null, null, null);
                } catch (SQLException e) {
                    lastFailure = e;
                }
            }
            // The owner may have died while we waited: then the directory is ours to start.
            FileChannel lock = tryLock(lockFile);
            if (lock != null) {
                LOG.info("The previous owner of {} is gone; taking over", dir);
                return startOwner(dir, lock);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new EmbeddedPostgresException("Process " + holder(lockFile) + " holds " + lockFile
                        + " but its PostgreSQL did not accept connections"
                        + port.stream().mapToObj(p -> " on port " + p).findFirst().orElse(" (no port in " + portFile + ")")
                        + " within " + timeout.toSeconds() + " s; check " + dir.resolve(LOG_FILE), lastFailure);
            }
            pause(POLL_INTERVAL);
        }
    }

    private static String holder(Path lockFile) {
        try {
            String content = Files.readString(lockFile, StandardCharsets.US_ASCII).strip();
            return content.isEmpty() ? "(unknown pid)" : content;
        } catch (IOException e) {
            return "(unknown pid)";
        }
    }

    // ------------------------------------------------------------------------------------------------------- helpers

    private static Path prepareDirectory(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            return dataDir.toRealPath();
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot create MENTORIUM_DATA_DIR " + dataDir.toAbsolutePath(), e);
        }
    }

    private static Object monitor(Path dir) {
        return MONITORS.computeIfAbsent(dir, d -> new Object());
    }

    /** The channel holding the exclusive lock, or null when another process holds it. */
    private static FileChannel tryLock(Path lockFile) {
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot open " + lockFile, e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return channel;
            }
        } catch (OverlappingFileLockException e) {
            // Unreachable while OWNERS is consulted first; closing this channel would drop this JVM's own lock, so
            // it is deliberately left open.
            LOG.warn("{} is already locked by this JVM outside EmbeddedPostgres", lockFile);
            return null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new EmbeddedPostgresException("Cannot lock " + lockFile, e);
        }
        closeQuietly(channel);
        return null;
    }

    static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static Connection connect(int port, String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("loginTimeout", "5");
        properties.setProperty("ApplicationName", "mentorium-embedded");
        return DriverManager.getConnection(jdbcUrl(port, database), properties);
    }

    private static OptionalInt readPort(Path portFile) {
        try {
            int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).strip());
            return port > 0 && port < 65536 ? OptionalInt.of(port) : OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static OptionalLong readPid(Path pgData) {
        try (Stream<String> lines = Files.lines(pgData.resolve("postmaster.pid"), StandardCharsets.US_ASCII)) {
            return lines.findFirst().map(String::strip).filter(s -> s.matches("\\d+"))
                    .map(s -> OptionalLong.of(Long.parseLong(s))).orElse(OptionalLong.empty());
        } catch (IOException | UncheckedIOException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot find a free port for PostgreSQL", e);
        }
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                throw new EmbeddedPostgresException("Could not signal PostgreSQL (pid " + pid + "): " + output);
            }
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not signal PostgreSQL (pid " + pid + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedPostgresException("Interrupted while stopping PostgreSQL (pid " + pid + ")", e);
        }
    }

    /**
     * Polls rather than using {@link ProcessHandle#onExit()}: for a process that is not our child the JDK polls at
     * second-long intervals, and it never completes for a zombie (the stopped postmaster is re-parented to PID 1, which
     * in a container may be this very JVM, and nobody reaps it).
     */
    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running(process)) {
            if (System.nanoTime() - deadline > 0) {
                LOG.warn("PostgreSQL (pid {}) did not exit within {} s", process.pid(), timeout.toSeconds());
                return false;
            }
            pause(EXIT_POLL_INTERVAL);
        }
        return true;
    }

    /** Alive and not a zombie: {@link ProcessHandle#isAlive()} counts zombies as alive. */
    private static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 1).strip();
            return !(state.startsWith("Z") || state.startsWith("X"));
        } catch (IOException | RuntimeException noProcfs) {
            return process.isAlive();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedPostgresException("Interrupted while waiting for PostgreSQL", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log)";
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot delete " + file, e);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.debug("Could not delete {}", p, e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Could not delete {}", root, e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("While closing {}", closeable, e);
        }
    }
}
