package dev.backbone.stack.postgres;

import dev.backbone.sharding.ShardId;
import dev.backbone.stack.ComponentFailedException;
import dev.backbone.stack.StackLayout;
import dev.backbone.stack.process.ManagedProcesses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Every PostgreSQL server of the stack: each shard's primary and standby, and the warehouse.
 * Bringing it up is idempotent: a node with data is only started; a missing standby is cloned from
 * whichever node of its shard is the primary now.
 */
public final class PostgresFleet {

    private final StackLayout layout;
    private final ManagedProcesses processes;
    private final List<Shard> shards;
    private final PostgresNode warehouse;

    public PostgresFleet(StackLayout layout, ManagedProcesses processes) {
        this.layout = layout;
        this.processes = processes;
        PostgresBinaries binaries = PostgresBinaries.locate();
        Path baseDir = layout.runtimeDir().resolve("postgres");
        this.shards = IntStream.range(0, layout.shardCount()).mapToObj(s -> new Shard(new ShardId(s),
                new PostgresNode("shard-" + s + "-a", layout.shardNodePort(s, 0), baseDir, binaries, processes),
                new PostgresNode("shard-" + s + "-b", layout.shardNodePort(s, 1), baseDir, binaries, processes),
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

    public List<PostgresNode> allNodes() {
        List<PostgresNode> all = new ArrayList<>();
        shards.forEach(s -> all.addAll(s.nodes()));
        all.add(warehouse);
        return all;
    }

    /** Brings up every shard (primary first, then its standby) and the warehouse, and migrates them. */
    public void up(Consumer<String> progress) {
        for (Shard shard : shards) {
            upShard(shard, progress);
        }
        upPrimary(warehouse);
        Migrations.migrate(layout.warehouseJdbcUrl(), Migrations.WAREHOUSE_LOCATION);
        progress.accept("warehouse ready on port " + warehouse.port() + ", migrated");
    }

    private void upShard(Shard shard, Consumer<String> progress) {
        PostgresNode first = shard.nodeA();
        PostgresNode second = shard.nodeB();
        if (!first.isInitialized()) {
            upPrimary(first);
        } else {
            first.start();
            first.awaitReady();
        }
        if (second.isInitialized()) {
            second.start();
            second.awaitReady();
        }
        PostgresNode primary = shard.primary().orElseThrow(() -> new ComponentFailedException(shard.id().toString(),
                processes.logFile(first.name()), "no node of the shard is a primary; promote one: ./backbone promote "
                        + shard.id().index()));
        PostgresNode other = primary == first ? second : first;
        if (!other.isInitialized()) {
            other.initStandbyOf(primary);
            other.start();
            other.awaitReady();
        }
        Migrations.migrate(shard.jdbcUrl(), Migrations.SHARD_LOCATION);
        progress.accept(shard.id() + " ready: primary " + primary.name() + " (port " + primary.port() + "), standby "
                + other.name() + " (port " + other.port() + "), migrated");
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
     * Gives {@code shard} a running primary and standby again after a fault: a stopped standby is
     * restarted; a former primary whose standby was promoted is wiped and re-cloned from the new
     * primary (starting it as is would make a second primary).
     */
    public void heal(Shard shard) {
        boolean hasPrimary = shard.primary().isPresent();
        for (PostgresNode node : shard.nodes()) {
            if (!node.isRunning() && node.isInitialized() && (node.isStandbyConfigured() || !hasPrimary)) {
                node.start();
                node.awaitReady();
                hasPrimary = shard.primary().isPresent();
            }
        }
        PostgresNode primary = shard.primary().orElseThrow(() -> new ComponentFailedException(shard.id().toString(),
                processes.logFile(shard.nodeA().name()), "no primary to heal from"));
        for (PostgresNode node : shard.nodes()) {
            if (node != primary && !node.isRunning()) {
                node.wipe();
                node.initStandbyOf(primary);
                node.start();
                node.awaitReady();
            }
        }
    }

    public void stopAll() {
        allNodes().forEach(PostgresNode::stop);
    }
}
