package dev.backbone.topology.app;

import dev.backbone.index.RedisCredentials;
import dev.backbone.topology.index.IndexOp;
import dev.backbone.topology.index.IndexWriteException;
import dev.backbone.topology.index.IndexWriter;
import dev.backbone.topology.index.LettuceIndexWriter;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;

/**
 * A {@link LettuceIndexWriter} whose connection (through Sentinel) is made on first use and again
 * after it failed, so the application starts, and the index sink backs off, while Redis is down.
 * Commands are rejected while disconnected instead of queued, so nothing piles up in memory.
 */
final class RedisIndexWriter implements IndexWriter, AutoCloseable {

  private final RedisClient client;
  private final Duration timeout;
  private final int minReplicas;
  private StatefulRedisConnection<String, String> connection;
  private LettuceIndexWriter writer;

  RedisIndexWriter(String sentinelUri, RedisCredentials credentials, Duration timeout, int minReplicas) {
    RedisURI uri = credentials.applyTo(RedisURI.create(sentinelUri));
    uri.setTimeout(timeout);
    this.client = RedisClient.create(uri);
    this.client.setOptions(ClientOptions.builder().autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
    this.timeout = timeout;
    this.minReplicas = minReplicas;
  }

  @Override
  public void apply(List<IndexOp> ops) throws InterruptedException {
    if (writer == null) {
      try {
        connection = client.connect();
      } catch (RedisException e) {
        throw new IndexWriteException("cannot connect to Redis: " + e.getMessage(), e);
      }
      writer = new LettuceIndexWriter(connection, timeout, minReplicas);
    }
    writer.apply(ops);
  }

  @Override
  public void close() {
    if (connection != null) {
      connection.close();
    }
    client.shutdown();
  }
}
