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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One PostgreSQL server process: a shard primary, a shard standby or the warehouse. Runs as the
 * {@code postgres} OS user when we are root (PostgreSQL refuses root), on 127.0.0.1 only, with
 * trust authentication for the loopback interface: a developer stack, never a deployment.
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

    public PostgresNode(String name, int port, Path baseDir, PostgresBinaries binaries, ManagedProcesses processes) {
        this.name = name;
        this.port = port;
        this.dataDir = baseDir.resolve(name);
        this.socketDir = baseDir.resolve("sockets");
        this.binaries = binaries;
        this.processes = processes;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public boolean isInitialized() {
        return Files.exists(dataDir.resolve("PG_VERSION"));
    }

    /** True when the data folder will start as a standby ({@code standby.signal}, written by pg_basebackup -R). */
    public boolean isStandbyConfigured() {
        return Files.exists(dataDir.resolve("standby.signal"));
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

    /** A streaming standby cloned from {@code primary} with {@code pg_basebackup -R -X stream}. */
    public void initStandbyOf(PostgresNode primary) {
        prepareDirs();
        run("pg_basebackup", List.of(binaries.tool("pg_basebackup"), "-h", "127.0.0.1", "-p", Integer.toString(primary.port),
                "-U", StackLayout.DATABASE_USER, "-D", dataDir.toString(), "-R", "-X", "stream", "--checkpoint=fast", "--no-sync"));
        writeConfig();
    }

    public void start() {
        processes.start(name, List.of(binaries.tool("postgres"), "-D", dataDir.toString()), Map.of(), Optional.of(OS_USER));
    }

    public void awaitReady() {
        if (!Await.until(this::acceptsConnections, READY_TIMEOUT, Duration.ofMillis(200))) {
            throw new ComponentFailedException(name, processes.logFile(name), "not accepting connections on port " + port
                    + " within " + READY_TIMEOUT.toSeconds() + " s");
        }
    }

    /** Fast shutdown (SIGINT): active transactions roll back, the WAL is flushed. */
    public void stop() {
        processes.stop(name, "INT", Duration.ofSeconds(30));
    }

    /** kill -9 of the postmaster and all its backends. */
    public void kill() {
        processes.kill(name);
    }

    public boolean isRunning() {
        return processes.running(name).isPresent();
    }

    /** Promotes this standby to primary and waits until it accepts writes. */
    public void promote() {
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

    private static void chownToServerUser(Path path) {
        if (OsUser.isRoot() && Files.exists(path)) {
            CommandRunner.run("chown " + path, List.of("chown", "-R", OS_USER + ":" + OS_USER, path.toString()), Optional.empty(), 60);
        }
    }
}
