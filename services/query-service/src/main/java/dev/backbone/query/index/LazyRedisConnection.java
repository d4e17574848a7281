package dev.backbone.query.index;

import dev.backbone.index.RedisCredentials;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One shared Lettuce connection through Sentinel, opened on first use so the service starts (and
 * answers by scatter-gather) while Redis is down. Once open, Lettuce reconnects on its own, asking the
 * Sentinels for the current primary; while disconnected, commands are rejected at once instead of
 * queueing, so a query falls back immediately. Thread-safe.
 */
public final class LazyRedisConnection implements Supplier<StatefulRedisConnection<String, String>>, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(LazyRedisConnection.class.getName());

  private final ClientResources resources;
  private final RedisClient client;
  private final RedisURI uri;
  private StatefulRedisConnection<String, String> connection;

  /**
   * @param uri e.g. {@code redis-sentinel://127.0.0.1:26379?sentinelMasterId=mymaster}
   * @param credentials applied to the data node and the Sentinels
   * @param timeout connect and command timeout
   */
  public LazyRedisConnection(String uri, RedisCredentials credentials, Duration timeout) {
    this.uri = credentials.applyTo(RedisURI.create(uri));
    this.uri.setTimeout(timeout);
    // Reconnect every second (not Lettuce's default backoff of up to 30 s) so the index path resumes soon after Redis returns.
    this.resources = DefaultClientResources.builder().reconnectDelay(Delay.constant(Duration.ofSeconds(1))).build();
    this.client = RedisClient.create(resources);
    client.setOptions(ClientOptions.builder()
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(SocketOptions.builder().connectTimeout(timeout.multipliedBy(4)).build())
        .timeoutOptions(TimeoutOptions.enabled(timeout))
        .build());
  }

  /**
   * Tries to connect on a background thread now, so the first look-up does not pay for the Sentinel
   * round trip and the connect (which would exceed the Redis timeout and fall back to scatter-gather).
   * A failure is only logged: look-ups retry the connect.
   */
  public void warmUp() {
    Thread warmUp = new Thread(() -> {
      try {
        get();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "[query-service redis] cannot connect yet (" + e.getMessage()
            + "); look-ups fall back to the shards until Redis answers");
      }
    }, "query-redis-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }

  @Override
  public synchronized StatefulRedisConnection<String, String> get() {
    if (connection == null) {
      connection = client.connect(uri);
    }
    return connection;
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      connection.close();
    }
    client.shutdown();
    resources.shutdown();
  }
}
