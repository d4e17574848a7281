package dev.backbone.stack.postgres;

import dev.backbone.stack.ComponentFailedException;
import dev.backbone.stack.StackLayout;
import dev.backbone.stack.process.Await;
import dev.backbone.stack.process.CommandRunner;
import dev.backbone.stack.process.ManagedProcesses;
import dev.backbone.stack.process.OsUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One PostgreSQL server: a shard node (primary or standby) or the warehouse. Runs as the
 * {@code postgres} OS user when we are root (PostgreSQL refuses root), on 127.0.0.1 only, with
 * trust authentication for the loopback interface: a developer stack, never a deployment.
 *
 * <p>A shard node is managed by a pg_auto_failover keeper: the recorded process is
 * {@code pg_autoctl run}, whose process group holds the node's PostgreSQL, so {@link #kill()} is a
 * node crash and {@link #start()} restarts the keeper, which rejoins the formation (after a failover,
 * as standby, with pg_rewind). The warehouse is a plain {@code postgres} process.
 */
public final class PostgresNode {

    static final String OS_USER = "postgres";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /** The role a node currently plays. */
    public enum Role { PRIMARY, STANDBY, DOWN }

    private final String name;
    private final int port;
    private final Path dataDir;
    private final Path socketDir;
    private final PostgresBinaries binaries;
    private final ManagedProcesses processes;
    private final PgAutoFailover monitor;
    private final String formation;

    /** A plain PostgreSQL server (the warehouse). */
    public PostgresNode(String name, int port, Path baseDir, PostgresBinaries binaries, ManagedProcesses processes) {
        this(name, port, baseDir, binaries, processes, null, null);
    }

    /** A shard node run by a pg_auto_failover keeper in {@code formation}, registered with {@code monitor}. */
    public PostgresNode(String name, int port, Path baseDir, PostgresBinaries binaries, ManagedProcesses processes,
            PgAutoFailover monitor, String formation) {
        this.name = name;
        this.port = port;
        this.dataDir = baseDir.resolve(name);
        this.socketDir = baseDir.resolve("sockets");
        this.binaries = binaries;
        this.processes = processes;
        this.monitor = monitor;
        this.formation = formation;
    }

    /** True for a shard node run by a pg_auto_failover keeper. */
    public boolean isKeeperManaged() {
        return monitor != null;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** Has data: for a keeper-managed node, the keeper was created (registered with the monitor). */
    public boolean isInitialized() {
        return isKeeperManaged() ? Files.exists(monitor.configFileOf(dataDir)) : Files.exists(dataDir.resolve("PG_VERSION"));
    }

    /**
     * True for a shard node whose data was created before pg_auto_failover managed the shards (a plain
     * primary or {@code pg_basebackup} standby, with our settings block in postgresql.conf): no keeper
     * can adopt it, the stack must be purged once.
     */
    boolean isFromBeforeFailoverManager() {
        Path conf = dataDir.resolve("postgresql.conf");
        try {
            return isKeeperManaged() && !isInitialized() && Files.isRegularFile(conf)
                    && Files.readString(conf).contains("# --- backbone-stack settings");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This node's state as the pg_auto_failover monitor sees it, when it is keeper-managed and the monitor answers. */
    public Optional<PgAutoFailover.NodeState> failoverState() {
        return isKeeperManaged() ? monitor.state(formation, name) : Optional.empty();
    }

    /**
     * Creates the first node of a formation: initdb (superuser = the OS user, as pg_autoctl expects),
     * our settings, then {@code pg_autoctl create postgres}, which registers it with the monitor as the
     * formation's primary and creates role and database {@code backbone}. Run {@link #start()} next.
     */
    void createFirstKeeperNode() {
        prepareDirs();
        monitor.prepareDirs();
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            run("initdb", List.of(binaries.tool("initdb"), "-D", dataDir.toString(), "--auth=trust", "--encoding=UTF8",
                    "--no-locale", "--no-sync"));
            PgAutoFailover.appendAutoConf(dataDir, keeperNodeSettings());
        }
        monitor.run("pg_autoctl create postgres for " + name, createKeeperCommand(), 120);
    }

    /**
     * Starts a keeper that creates this node as a standby of the formation's primary (pg_basebackup by
     * pg_autoctl, which inherits our settings from the primary's postgresql.auto.conf) and keeps running it.
     */
    void startNewStandbyKeeper() {
        if (isRunning()) {
            return;
        }
        prepareDirs();
        monitor.prepareDirs();
        if (Files.exists(dataDir)) {
            wipe(); // half-created by an interrupted attempt: pg_autoctl clones into an absent or empty folder
        }
        List<String> command = new ArrayList<>(createKeeperCommand());
        command.add("--run");
        processes.start(name, command, monitor.env(), Optional.of(OS_USER));
    }

    private List<String> createKeeperCommand() {
        return List.of(monitor.autoctl(), "create", "postgres", "--pgctl", binaries.tool("pg_ctl"), "--pgdata", dataDir.toString(),
                "--pghost", monitor.socketDir().toString(), "--pgport", Integer.toString(port), "--listen", "127.0.0.1",
                "--hostname", "127.0.0.1", "--name", name, "--formation", formation, "--monitor", monitor.keeperUri(),
                "--username", StackLayout.DATABASE_USER, "--dbname", StackLayout.DATABASE, "--auth", "trust", "--no-ssl");
    }

    private Map<String, String> keeperNodeSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("unix_socket_directories", "'" + socketDir + "'");
        settings.put("max_connections", "200");
        settings.put("shared_buffers", "'64MB'"); // pg_auto_failover would size it at 25 % of the machine's RAM
        settings.put("wal_keep_size", "'512MB'");
        settings.put("logging_collector", "off"); // server log goes to the keeper's log file
        settings.put("log_min_messages", "warning");
        return settings;
    }

    /** Deletes the data folder of a stopped node, so it can be cloned anew. */
    public void wipe() {
        if (isRunning()) {
            throw new IllegalStateException(name + " is running; stop it before wiping its data");
        }
        CommandRunner.run("wipe " + name, List.of("rm", "-rf", dataDir.toString()), Optional.empty(), 60);
    }

    /** initdb plus our settings; a primary ready for streaming standbys. */
    public void initPrimary() {
        prepareDirs();
        run("initdb", List.of(binaries.tool("initdb"), "-D", dataDir.toString(), "-U", StackLayout.DATABASE_USER,
                "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"));
        writeConfig();
    }

    /** Starts the server; for a shard node, its keeper ({@code pg_autoctl run}), which starts PostgreSQL. */
    public void start() {
        if (isKeeperManaged()) {
            reportThroughMonitorPool();
            processes.start(name, List.of(monitor.autoctl(), "run", "--pgdata", dataDir.toString()), monitor.env(),
                    Optional.of(OS_USER));
            return;
        }
        processes.start(name, List.of(binaries.tool("postgres"), "-D", dataDir.toString()), Map.of(), Optional.of(OS_USER));
    }

    /**
     * Points this keeper at the monitor's connection pool when its configuration still names the
     * monitor itself (nodes created before the pool existed), so an existing stack needs no purge.
     */
    private void reportThroughMonitorPool() {
        if (!keeperMonitorUri().equals(Optional.of(monitor.keeperUri()))) {
            monitor.run("pg_autoctl config set monitor for " + name, List.of(monitor.autoctl(), "config", "set", "--pgdata",
                    dataDir.toString(), "pg_autoctl.monitor", monitor.keeperUri()), 60);
        }
    }

    /** The monitor URI in this node's keeper configuration; empty for the warehouse or a node not created yet. */
    public Optional<String> keeperMonitorUri() {
        if (!isKeeperManaged() || !isInitialized()) {
            return Optional.empty();
        }
        try {
            return Files.readAllLines(monitor.configFileOf(dataDir)).stream().map(String::strip)
                    .filter(line -> line.startsWith("monitor = ")).map(line -> line.substring("monitor = ".length())).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void awaitReady() {
        if (!Await.until(this::acceptsConnections, READY_TIMEOUT, Duration.ofMillis(200))) {
            throw new ComponentFailedException(name, processes.logFile(name), "not accepting connections on port " + port
                    + " within " + READY_TIMEOUT.toSeconds() + " s");
        }
    }

    /**
     * Fast shutdown (SIGINT): active transactions roll back, the WAL is flushed. A keeper gets SIGTERM
     * and stops its PostgreSQL the same way before it exits.
     */
    public void stop() {
        processes.stop(name, isKeeperManaged() ? "TERM" : "INT", Duration.ofSeconds(30));
    }

    /** kill -9 of the process group: the keeper (if any), the postmaster and all its backends. */
    public void kill() {
        processes.kill(name);
    }

    public boolean isRunning() {
        return processes.running(name).isPresent();
    }

    /**
     * Makes this node the primary and waits until it accepts writes. A shard node asks pg_auto_failover
     * ({@code pg_autoctl perform promotion}): a switchover when the primary is alive (it is demoted and
     * rejoins as standby), a failover when it is not; nothing to do when the monitor already promoted it.
     */
    public void promote() {
        if (isKeeperManaged()) {
            if (!(role() == Role.PRIMARY && failoverState().map(PgAutoFailover.NodeState::isWritablePrimary).orElse(false))) {
                monitor.performPromotion(dataDir, formation, name);
            }
            if (!Await.until(() -> role() == Role.PRIMARY && failoverState().map(PgAutoFailover.NodeState::isWritablePrimary)
                    .orElse(false), Duration.ofSeconds(60), Duration.ofMillis(200))) {
                throw new ComponentFailedException(name, processes.logFile(name), "promotion did not finish within 60 s; monitor says: "
                        + monitor.describe(formation));
            }
            return;
        }
        query("SELECT pg_promote(true, 30)");
        if (!Await.until(() -> role() == Role.PRIMARY, Duration.ofSeconds(30), Duration.ofMillis(200))) {
            throw new ComponentFailedException(name, processes.logFile(name), "promotion did not finish within 30 s");
        }
    }

    public Role role() {
        try (Connection c = connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1) ? Role.STANDBY : Role.PRIMARY;
        } catch (SQLException e) {
            return Role.DOWN;
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?connectTimeout=2&loginTimeout=3";
    }

    /** Creates {@code database} unless it exists (CREATE DATABASE has no IF NOT EXISTS). */
    public void ensureDatabase(String database) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new ComponentFailedException(name, processes.logFile(name), "cannot create database " + database + ": " + e.getMessage());
        }
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), StackLayout.DATABASE_USER, "");
    }

    private void query(String sql) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new ComponentFailedException(name, processes.logFile(name), sql + " failed: " + e.getMessage());
        }
    }

    private boolean acceptsConnections() {
        try (Connection c = connect("postgres")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void writeConfig() {
        String settings = String.join("\n",
                "",
                "# --- backbone-stack settings (appended; later lines win) ---",
                "port = " + port,
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + socketDir + "'",
                "wal_level = replica",
                "max_wal_senders = 10",
                "max_replication_slots = 10",
                "wal_keep_size = '512MB'",
                "hot_standby = on",
                "max_connections = 200",
                "shared_buffers = '64MB'",
                "fsync = on",
                "synchronous_commit = on",
                "logging_collector = off",
                "log_min_messages = warning",
                "");
        try {
            Files.writeString(dataDir.resolve("postgresql.conf"), settings, java.nio.file.StandardOpenOption.APPEND);
            Files.writeString(dataDir.resolve("pg_hba.conf"), String.join("\n",
                    "# backbone-stack: loopback only, trust (developer stack)",
                    "local all all trust",
                    "host all all 127.0.0.1/32 trust",
                    "local replication all trust",
                    "host replication all 127.0.0.1/32 trust",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chownToServerUser(dataDir);
    }

    private void prepareDirs() {
        try {
            Files.createDirectories(dataDir.getParent());
            Files.createDirectories(socketDir);
            if (OsUser.isRoot()) {
                chownToServerUser(socketDir);
                chownToServerUser(dataDir.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(String what, List<String> command) {
        try {
            CommandRunner.run(what + " for " + name, command, Optional.of(OS_USER), 120);
        } catch (IllegalStateException e) {
            throw new ComponentFailedException(name, null, e.getMessage());
        }
    }

    static void chownToServerUser(Path path) {
        if (OsUser.isRoot() && Files.exists(path)) {
            CommandRunner.run("chown " + path, List.of("chown", "-R", OS_USER + ":" + OS_USER, path.toString()), Optional.empty(), 60);
        }
    }
}
