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
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The shards' failover manager: one pg_auto_failover monitor (its own PostgreSQL, run by
 * {@code pg_autoctl run} like every keeper) and one formation per shard. The monitor health-checks
 * every node; when a primary stops answering it promotes the standby, and a restarted former primary
 * is rewound ({@code pg_rewind}) and rejoins as standby by its keeper. Everything else here talks to
 * the monitor: formation creation, node states, promotions.
 *
 * <p>All {@code pg_autoctl} state (configs, state files, pid files) lives under the runtime folder
 * ({@code postgres/autoctl}), never in the postgres user's home, so several stacks never share it.
 */
public final class PgAutoFailover {

    /** Process name of the monitor (pid file, log). */
    public static final String MONITOR_NAME = "pg-monitor";
    static final String MONITOR_DATABASE = "pg_auto_failover";
    static final String MONITOR_USER = "autoctl_node";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Health checks tuned for a local stack: a node that misses a check (1 s timeout, one retry
     * after 0.5 s) and has not reported for 3 s is unhealthy; the new primary waits 5 s for the old
     * one to demote itself before it takes writes. Measured kill -9 to accepted writes: 9-10 s
     * (docs/local-stack.md). With the defaults (5 s period, 20 s unhealthy, 30 s demote) the same
     * steps add up to about a minute.
     */
    static final Map<String, String> MONITOR_SETTINGS = settings(
            "pgautofailover.health_check_period", "1000",
            "pgautofailover.health_check_timeout", "1000",
            "pgautofailover.health_check_max_retries", "1",
            "pgautofailover.health_check_retry_delay", "500",
            "pgautofailover.node_considered_unhealthy_timeout", "3000",
            "pgautofailover.primary_demote_timeout", "5000");

    /** States of a node, as the monitor sees them (pg_auto_failover's FSM state names). */
    public record NodeState(String name, int port, String current, String assigned) {

        /** The node serves writes and is settled (primary, or wait_primary while it has no healthy standby). */
        public boolean isWritablePrimary() {
            return current.equals(assigned) && (current.equals("primary") || current.equals("wait_primary")
                    || current.equals("single"));
        }

        public boolean isSettled(String state) {
            return current.equals(state) && assigned.equals(state);
        }

        @Override
        public String toString() {
            return name + " " + (current.equals(assigned) ? current : current + "->" + assigned);
        }
    }

    private final StackLayout layout;
    private final PostgresBinaries binaries;
    private final ManagedProcesses processes;
    private final Path baseDir;
    private final Path dataDir;
    private final Path socketDir;
    private final Path autoctlDir;
    private final MonitorConnectionPool pool;

    public PgAutoFailover(StackLayout layout, Path baseDir, PostgresBinaries binaries, ManagedProcesses processes) {
        this.layout = layout;
        this.binaries = binaries;
        this.processes = processes;
        this.baseDir = baseDir;
        this.dataDir = baseDir.resolve("monitor");
        this.socketDir = baseDir.resolve("sockets");
        this.autoctlDir = baseDir.resolve("autoctl");
        this.pool = new MonitorConnectionPool(layout, baseDir, binaries, processes);
    }

    /** PgBouncer in front of the monitor, which the keepers report through. */
    public MonitorConnectionPool pool() {
        return pool;
    }

    public String name() {
        return MONITOR_NAME;
    }

    public int port() {
        return layout.failoverMonitorPort();
    }

    /** The monitor URI every keeper registers with and reports to: through {@link #pool()}. */
    String keeperUri() {
        return pool.monitorUri();
    }

    /** The monitor's own URI, for one-off commands (creating a formation). */
    public String uri() {
        return uriAt(port());
    }

    /** The pg_autoctl URI of the monitor's database on 127.0.0.1:{@code port} (the monitor, or its pool). */
    static String uriAt(int port) {
        return "postgres://" + MONITOR_USER + "@127.0.0.1:" + port + "/" + MONITOR_DATABASE + "?sslmode=disable";
    }

    String jdbcUrl() {
        return jdbcUrlAt(port());
    }

    private static String jdbcUrlAt(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + MONITOR_DATABASE + "?connectTimeout=2&loginTimeout=3&socketTimeout=10";
    }

    /** Environment of every {@code pg_autoctl} command: its state under the runtime folder, our binaries first. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("XDG_CONFIG_HOME", autoctlDir.resolve("config").toString());
        env.put("XDG_DATA_HOME", autoctlDir.resolve("data").toString());
        env.put("XDG_RUNTIME_DIR", autoctlDir.resolve("run").toString());
        env.put("PGHOST", socketDir.toString());
        env.put("PATH", binaries.binDir() + ":/usr/bin:/bin");
        if (OsUser.isRoot()) {
            env.put("HOME", autoctlDir.toString());
        }
        return env;
    }

    /** Where {@code pg_autoctl create} leaves the keeper configuration of the node with data folder {@code pgdata}. */
    Path configFileOf(Path pgdata) {
        return autoctlDir.resolve("config/pg_autoctl").resolve(pgdata.toAbsolutePath().toString().substring(1))
                .resolve("pg_autoctl.cfg");
    }

    String autoctl() {
        return binaries.autoctl();
    }

    Path socketDir() {
        return socketDir;
    }

    /** Creates the runtime folders pg_autoctl and PostgreSQL write to, owned by the server user. */
    void prepareDirs() {
        try {
            Files.createDirectories(socketDir);
            for (String dir : List.of("config", "data", "run")) {
                Files.createDirectories(autoctlDir.resolve(dir));
            }
            PostgresNode.chownToServerUser(baseDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isInitialized() {
        return Files.exists(configFileOf(dataDir));
    }

    /**
     * initdb (small settings, our socket folder), {@code pg_autoctl create monitor} on it, listening on
     * 127.0.0.1 only, with the health-check tuning above.
     */
    public void create() {
        prepareDirs();
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            run("initdb", List.of(binaries.tool("initdb"), "-D", dataDir.toString(), "--auth=trust", "--encoding=UTF8",
                    "--no-locale", "--no-sync"));
            appendAutoConf(dataDir, Map.of("shared_buffers", "'32MB'", "logging_collector", "off",
                    "unix_socket_directories", "'" + socketDir + "'"));
        }
        run("pg_autoctl create monitor", List.of(autoctl(), "create", "monitor", "--pgctl", binaries.tool("pg_ctl"),
                "--pgdata", dataDir.toString(), "--pgport", Integer.toString(port()), "--hostname", "127.0.0.1",
                "--auth", "trust", "--no-ssl"));
        run("pg_autoctl config set", List.of(autoctl(), "config", "set", "--pgdata", dataDir.toString(),
                "postgresql.listen_addresses", "127.0.0.1"));
        Map<String, String> tuning = new LinkedHashMap<>();
        MONITOR_SETTINGS.forEach(tuning::put);
        appendAutoConf(dataDir, tuning);
    }

    public void start() {
        processes.start(MONITOR_NAME, List.of(autoctl(), "run", "--pgdata", dataDir.toString()), env(),
                Optional.of(PostgresNode.OS_USER));
    }

    public void awaitReady() {
        if (!Await.until(this::answers, READY_TIMEOUT, Duration.ofMillis(200))) {
            throw new ComponentFailedException(MONITOR_NAME, processes.logFile(MONITOR_NAME), "pg_auto_failover monitor not "
                    + "accepting connections on port " + port() + " within " + READY_TIMEOUT.toSeconds() + " s");
        }
    }

    public boolean isRunning() {
        return processes.running(MONITOR_NAME).isPresent();
    }

    /** SIGTERM to pg_autoctl, which stops its PostgreSQL (fast) and exits. */
    public void stop() {
        processes.stop(MONITOR_NAME, "TERM", Duration.ofSeconds(30));
    }

    public void kill() {
        processes.kill(MONITOR_NAME);
    }

    public boolean answers() {
        return answersAt(port());
    }

    /** True when the monitor's database accepts a connection on 127.0.0.1:{@code port} (the monitor, or its pool). */
    static boolean answersAt(int port) {
        try (Connection c = DriverManager.getConnection(jdbcUrlAt(port), MONITOR_USER, "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Creates the formation (one per shard, database {@code backbone}) unless the monitor has it. */
    public void ensureFormation(String formation) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM pgautofailover.formation WHERE formationid = ?")) {
            s.setString(1, formation);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        } catch (SQLException e) {
            throw new ComponentFailedException(MONITOR_NAME, processes.logFile(MONITOR_NAME), "cannot read formations: " + e.getMessage());
        }
        run("pg_autoctl create formation " + formation, List.of(autoctl(), "create", "formation", "--monitor", uri(),
                "--formation", formation, "--kind", "pgsql", "--dbname", StackLayout.DATABASE));
    }

    /** The nodes of {@code formation} as the monitor sees them; empty when the monitor does not answer. */
    public List<NodeState> states(String formation) {
        List<NodeState> states = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT nodename, nodeport, "
                + "current_group_state::text, assigned_group_state::text FROM pgautofailover.current_state(?) ORDER BY nodename")) {
            s.setString(1, formation);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    states.add(new NodeState(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            return List.of();
        }
        return states;
    }

    public Optional<NodeState> state(String formation, String node) {
        return states(formation).stream().filter(s -> s.name().equals(node)).findFirst();
    }

    /** True when the formation has settled: one primary and one secondary, each in the state it was assigned. */
    public boolean isHealthy(String formation) {
        List<NodeState> states = states(formation);
        return states.size() == 2 && states.stream().filter(s -> s.isSettled("primary")).count() == 1
                && states.stream().filter(s -> s.isSettled("secondary")).count() == 1;
    }

    /** Waits until {@link #isHealthy} (primary + secondary), or fails naming the states it saw. */
    public void awaitHealthy(String formation, Duration timeout) {
        if (!Await.until(() -> isHealthy(formation), timeout, Duration.ofMillis(250))) {
            throw new ComponentFailedException(formation, processes.logFile(MONITOR_NAME), "pg_auto_failover did not settle on "
                    + "a primary and a secondary within " + timeout.toSeconds() + " s; monitor says: " + describe(formation));
        }
    }

    public String describe(String formation) {
        List<NodeState> states = states(formation);
        return states.isEmpty() ? "(no answer)" : states.stream().map(NodeState::toString).collect(Collectors.joining(", "));
    }

    /**
     * {@code pg_autoctl perform promotion}: the monitor fails the formation over to {@code node} (a
     * switchover when the primary is alive: it is demoted and rejoins as standby). Waits up to 60 s.
     */
    void performPromotion(Path nodeDataDir, String formation, String node) {
        run("pg_autoctl perform promotion of " + node, List.of(autoctl(), "perform", "promotion", "--pgdata",
                nodeDataDir.toString(), "--formation", formation, "--name", node, "--wait", "60"), 90);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), MONITOR_USER, "");
    }

    private void run(String what, List<String> command) {
        run(what, command, 120);
    }

    void run(String what, List<String> command, long timeoutSeconds) {
        try {
            CommandRunner.run(what, command, env(), Optional.of(PostgresNode.OS_USER), timeoutSeconds);
        } catch (IllegalStateException e) {
            throw new ComponentFailedException(MONITOR_NAME, processes.logFile(MONITOR_NAME), e.getMessage());
        }
    }

    /** Appends settings to postgresql.auto.conf: it is read last, so they win over pg_auto_failover's own file. */
    static void appendAutoConf(Path pgdata, Map<String, String> settings) {
        StringBuilder text = new StringBuilder("\n");
        settings.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
        try {
            Files.writeString(pgdata.resolve("postgresql.auto.conf"), text, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PostgresNode.chownToServerUser(pgdata);
    }

    private static Map<String, String> settings(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
