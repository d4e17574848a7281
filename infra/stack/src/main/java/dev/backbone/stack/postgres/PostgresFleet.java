package dev.backbone.stack.postgres;

import dev.backbone.sharding.ShardId;
import dev.backbone.stack.ComponentFailedException;
import dev.backbone.stack.StackLayout;
import dev.backbone.stack.process.ManagedProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Every PostgreSQL server of the stack: each shard's two keeper-managed nodes, the pg_auto_failover
 * monitor that fails them over, and the warehouse. Bringing it up is idempotent: the monitor is
 * created once, each shard is a formation; an existing node's keeper is only started, a shard without
 * nodes gets its first node (the primary) from initdb, a missing second node is cloned by its keeper.
 */
public final class PostgresFleet {

    /** How long a shard may take to settle on a primary and a secondary (first clone, failover, rejoin). */
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);

    private final StackLayout layout;
    private final ManagedProcesses processes;
    private final PgAutoFailover monitor;
    private final List<Shard> shards;
    private final PostgresNode warehouse;

    public PostgresFleet(StackLayout layout, ManagedProcesses processes) {
        this.layout = layout;
        this.processes = processes;
        PostgresBinaries binaries = PostgresBinaries.locate();
        Path baseDir = layout.runtimeDir().resolve("postgres");
        this.monitor = new PgAutoFailover(layout, baseDir, binaries, processes);
        this.shards = IntStream.range(0, layout.shardCount()).mapToObj(s -> new Shard(new ShardId(s),
                new PostgresNode("shard-" + s + "-a", layout.shardNodePort(s, 0), baseDir, binaries, processes, monitor,
                        Shard.formationOf(s)),
                new PostgresNode("shard-" + s + "-b", layout.shardNodePort(s, 1), baseDir, binaries, processes, monitor,
                        Shard.formationOf(s)),
                layout.shardJdbcUrl(s))).toList();
        this.warehouse = new PostgresNode("warehouse", layout.warehousePort(), baseDir, binaries, processes);
    }

    public List<Shard> shards() {
        return shards;
    }

    public Shard shard(int index) {
        return shards.get(index);
    }

    public PostgresNode warehouse() {
        return warehouse;
    }

    /** The pg_auto_failover monitor. */
    public PgAutoFailover monitor() {
        return monitor;
    }

    public List<PostgresNode> allNodes() {
        List<PostgresNode> all = new ArrayList<>();
        shards.forEach(s -> all.addAll(s.nodes()));
        all.add(warehouse);
        return all;
    }

    /**
     * Brings up the monitor, every shard (primary and standby, migrated) and the warehouse. Shards
     * come up side by side: first nodes, then standby clones, then each shard settles and is migrated.
     */
    public void up(Consumer<String> progress) {
        for (Shard shard : shards) {
            for (PostgresNode node : shard.nodes()) {
                if (node.isFromBeforeFailoverManager()) {
                    throw new ComponentFailedException(node.name(), processes.logFile(node.name()), "its data predates "
                            + "pg_auto_failover (a plain PostgreSQL node, no keeper); start this stack afresh: "
                            + "./backbone down --purge, then ./backbone up");
                }
            }
        }
        upMonitor();
        progress.accept("pg_auto_failover monitor ready on port " + monitor.port() + ", keepers report through PgBouncer on port "
                + monitor.pool().port());
        for (Shard shard : shards) {
            // Keepers of existing nodes first: a restarted stack only starts them.
            shard.nodes().stream().filter(PostgresNode::isInitialized).forEach(PostgresNode::start);
        }
        for (Shard shard : shards) {
            monitor.ensureFormation(shard.formation());
            if (shard.nodes().stream().noneMatch(PostgresNode::isInitialized)) {
                shard.nodeA().createFirstKeeperNode();
                shard.nodeA().start();
            }
        }
        for (Shard shard : shards) {
            shard.nodes().stream().filter(n -> !n.isInitialized()).forEach(PostgresNode::startNewStandbyKeeper);
        }
        for (Shard shard : shards) {
            awaitShard(shard, progress);
        }
        upPrimary(warehouse);
        Migrations.migrate(layout.warehouseJdbcUrl(), Migrations.WAREHOUSE_LOCATION);
        progress.accept("warehouse ready on port " + warehouse.port() + ", migrated");
    }

    /**
     * The monitor and its connection pool must run before any keeper starts: a keeper that cannot
     * reach the monitor at start-up gives up. Starts only what is not running.
     */
    private void upMonitor() {
        if (!monitor.isInitialized()) {
            monitor.create();
        }
        monitor.start();
        monitor.awaitReady();
        monitor.pool().start();
        monitor.pool().awaitReady();
    }

    private void awaitShard(Shard shard, Consumer<String> progress) {
        monitor.awaitHealthy(shard.formation(), SETTLE_TIMEOUT);
        Migrations.migrate(shard.jdbcUrl(), Migrations.SHARD_LOCATION);
        PostgresNode primary = shard.primary().orElseThrow(() -> new ComponentFailedException(shard.id().toString(),
                processes.logFile(shard.nodeA().name()), "no node of the shard is a primary"));
        PostgresNode standby = primary == shard.nodeA() ? shard.nodeB() : shard.nodeA();
        progress.accept(shard.id() + " ready (pg_auto_failover formation " + shard.formation() + "): primary " + primary.name()
                + " (port " + primary.port() + "), standby " + standby.name() + " (port " + standby.port() + "), migrated");
    }

    private void upPrimary(PostgresNode node) {
        if (!node.isInitialized()) {
            node.initPrimary();
        }
        node.start();
        node.awaitReady();
        node.ensureDatabase(StackLayout.DATABASE);
    }

    /**
     * Gives {@code shard} a running primary and standby again after a fault: restarts the keeper of
     * every node that is down (pg_auto_failover rejoins a former primary as standby, rewinding it with
     * pg_rewind, or re-cloning it when that fails) and waits until the monitor reports a primary and a
     * secondary.
     */
    public void heal(Shard shard) {
        upMonitor();
        for (PostgresNode node : shard.nodes()) {
            if (!node.isRunning()) {
                if (node.isInitialized()) {
                    node.start();
                } else {
                    node.startNewStandbyKeeper();
                }
            }
        }
        monitor.awaitHealthy(shard.formation(), SETTLE_TIMEOUT);
    }

    /**
     * Stops standbys first, then primaries, then the monitor's pool and the monitor: the monitor sees a primary go only when
     * it has no healthy standby to fail over to, so {@code down} never triggers a failover.
     */
    public void stopAll() {
        List<PostgresNode> order = new ArrayList<>();
        for (Shard shard : shards) {
            shard.nodes().stream().filter(n -> n.role() != PostgresNode.Role.PRIMARY).forEach(order::add);
        }
        for (Shard shard : shards) {
            shard.nodes().stream().filter(n -> !order.contains(n)).forEach(order::add);
        }
        order.forEach(PostgresNode::stop);
        monitor.pool().stop();
        monitor.stop();
        warehouse.stop();
    }
}
