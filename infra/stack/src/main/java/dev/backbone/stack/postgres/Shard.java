package dev.backbone.stack.postgres;

import dev.backbone.sharding.ShardId;
import java.util.List;
import java.util.Optional;

/**
 * One shard: two PostgreSQL nodes, one primary and one streaming standby. Which is which can change
 * (a promoted standby is the new primary), so the nodes are named {@code a} and {@code b}, not by role.
 */
public record Shard(ShardId id, PostgresNode nodeA, PostgresNode nodeB, String jdbcUrl) {

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
