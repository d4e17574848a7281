package dev.backbone.stack.postgres;

import dev.backbone.sharding.ShardId;
import java.util.List;
import java.util.Optional;

/**
 * One shard: two PostgreSQL nodes, one primary and one streaming standby, a pg_auto_failover
 * formation of its own. Which is which can change (the monitor promotes the standby when the primary
 * dies), so the nodes are named {@code a} and {@code b}, not by role.
 */
public record Shard(ShardId id, PostgresNode nodeA, PostgresNode nodeB, String jdbcUrl) {

    /** The pg_auto_failover formation of shard {@code index}. */
    public static String formationOf(int index) {
        return "shard-" + index;
    }

    public String formation() {
        return formationOf(id.index());
    }

    public List<PostgresNode> nodes() {
        return List.of(nodeA, nodeB);
    }

    public Optional<PostgresNode> primary() {
        return nodes().stream().filter(n -> n.role() == PostgresNode.Role.PRIMARY).findFirst();
    }

    public Optional<PostgresNode> standby() {
        return nodes().stream().filter(n -> n.role() == PostgresNode.Role.STANDBY).findFirst();
    }
}
