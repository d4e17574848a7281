package dev.backbone.stack.redis;

import dev.backbone.stack.StackLayout;
import java.nio.file.Path;

/** redis.conf and sentinel.conf text for the local Redis group. */
final class RedisConfigs {

    private RedisConfigs() {
    }

    /**
     * The first primary refuses writes while it has no replica within 10 s of lag, bounding what a
     * failover can lose. The replica has no such floor: after a failover it is alone, and the index
     * is repairable by reconciliation, so availability wins there.
     */
    static String server(int port, Path dir, Integer replicaOfPort) {
        StringBuilder conf = new StringBuilder(String.join("\n",
                "# Generated once by backbone-stack; Redis and Sentinel rewrite it after failovers.",
                "port " + port,
                "bind 127.0.0.1",
                "protected-mode no",
                "daemonize no",
                "dir " + dir,
                "appendonly yes",
                "appendfsync everysec",
                "save \"\"",
                "maxmemory 256mb",
                "maxmemory-policy noeviction",
                "replica-read-only yes",
                ""));
        if (replicaOfPort == null) {
            conf.append("min-replicas-to-write 1\nmin-replicas-max-lag 10\n");
        } else {
            conf.append("replicaof 127.0.0.1 ").append(replicaOfPort).append('\n');
        }
        return conf.toString();
    }

    static String sentinel(int port, Path dir, int primaryPort) {
        String master = StackLayout.REDIS_MASTER_NAME;
        return String.join("\n",
                "# Generated once by backbone-stack; Sentinel rewrites it with what it learns.",
                "port " + port,
                "bind 127.0.0.1",
                "protected-mode no",
                "daemonize no",
                "dir " + dir,
                "sentinel monitor " + master + " 127.0.0.1 " + primaryPort + " 2",
                "sentinel down-after-milliseconds " + master + " 2000",
                "sentinel failover-timeout " + master + " 10000",
                "sentinel parallel-syncs " + master + " 1",
                "");
    }
}
