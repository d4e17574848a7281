package dev.backbone.query.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.backbone.query.QuerySettings;
import dev.backbone.query.guard.DependencyGuard;
import dev.backbone.query.guard.GuardSettings;
import dev.backbone.query.index.IndexGateway;
import dev.backbone.query.index.IndexRepairWorker;
import dev.backbone.index.IndexKeys;
import dev.backbone.query.index.LazyRedisConnection;
import dev.backbone.query.index.RedisIndexReader;
import dev.backbone.query.index.RedisIndexRepairs;
import dev.backbone.query.index.RepairQueue;
import dev.backbone.query.lookup.CustomerLookup;
import dev.backbone.query.lookup.OrderListing;
import dev.backbone.query.lookup.OrderLookup;
import dev.backbone.query.metrics.MicrometerQueryMetrics;
import dev.backbone.query.shard.JdbcShardReader;
import dev.backbone.query.shard.ShardGateway;
import dev.backbone.query.shard.ShardReader;
import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the plain-Java object graph from {@link QuerySettings}; the only place that wires it. */
@Configuration(proxyBeanMethods = false)
public class QueryConfiguration {

  @Bean
  QuerySettings querySettings(QueryProperties properties) {
    return properties.toSettings();
  }

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService queryTimeouts() {
    return Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "query-timeouts");
      thread.setDaemon(true);
      return thread;
    });
  }

  @Bean(destroyMethod = "close")
  ShardPools shardPools(QuerySettings settings) {
    Map<ShardId, HikariDataSource> pools = new LinkedHashMap<>();
    for (int i = 0; i < settings.shardUrls().size(); i++) {
      HikariConfig config = new HikariConfig();
      config.setPoolName("query-shard_" + i);
      config.setJdbcUrl(settings.shardUrls().get(i));
      config.setUsername(settings.shardUser());
      config.setPassword(settings.shardPassword());
      config.setMaximumPoolSize(settings.shardPoolSize());
      config.setMinimumIdle(1);
      config.setReadOnly(true);
      config.setConnectionTimeout(Math.max(250, settings.shardTimeout().toMillis()));
      config.setValidationTimeout(Math.max(250, settings.shardTimeout().toMillis() / 2));
      // Start even while a shard is down: that shard answers 503 until it returns.
      config.setInitializationFailTimeout(-1);
      pools.put(new ShardId(i), new HikariDataSource(config));
    }
    return new ShardPools(pools);
  }

  @Bean(destroyMethod = "close")
  LazyRedisConnection redisConnection(QuerySettings settings) {
    LazyRedisConnection connection = new LazyRedisConnection(settings.redisUri(), settings.redisCredentials(), settings.redisTimeout());
    connection.warmUp();
    return connection;
  }

  @Bean
  IndexKeys indexKeys(QuerySettings settings) {
    return new IndexKeys(settings.indexPrefix());
  }

  @Bean
  RepairQueue repairQueue(QuerySettings settings) {
    return new RepairQueue(settings.repairQueueCapacity());
  }

  @Bean
  MicrometerQueryMetrics queryMetrics(MeterRegistry registry, RepairQueue repairs) {
    return new MicrometerQueryMetrics(registry, repairs);
  }

  @Bean
  ShardGateway shardGateway(QuerySettings settings, ShardPools pools, ScheduledExecutorService timeouts,
      MeterRegistry registry, ObservationRegistry observations) {
    Map<ShardId, ShardReader> readers = new LinkedHashMap<>();
    Map<ShardId, DependencyGuard> guards = new LinkedHashMap<>();
    pools.pools().forEach((shard, pool) -> {
      readers.put(shard, new JdbcShardReader(pool));
      GuardSettings guard = new GuardSettings("backbone.query.shard", settings.shardTimeout(), settings.shardPoolSize(),
          GuardSettings.DEFAULT_QUEUE_CAPACITY, settings.circuitOpenFor(), GuardSettings.DEFAULT_HALF_OPEN_CALLS);
      guards.put(shard, circuitGauge(registry,
          new DependencyGuard(shard.dataSourceName(), guard, timeouts, observations)));
    });
    return new ShardGateway(new ShardRouter(settings.shardUrls().size()), readers, guards);
  }

  @Bean
  IndexGateway indexGateway(QuerySettings settings, LazyRedisConnection connection, IndexKeys keys,
      ScheduledExecutorService timeouts, MeterRegistry registry, ObservationRegistry observations) {
    GuardSettings guard = new GuardSettings("backbone.query.redis", settings.redisTimeout(),
        GuardSettings.DEFAULT_CONCURRENCY, GuardSettings.DEFAULT_QUEUE_CAPACITY, settings.circuitOpenFor(),
        GuardSettings.DEFAULT_HALF_OPEN_CALLS);
    return new IndexGateway(new RedisIndexReader(connection, keys),
        circuitGauge(registry, new DependencyGuard("redis", guard, timeouts, observations)));
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  IndexRepairWorker indexRepairWorker(RepairQueue repairs, LazyRedisConnection connection, IndexGateway index,
      MicrometerQueryMetrics metrics) {
    return new IndexRepairWorker(repairs, new RedisIndexRepairs(connection), index.guard(), metrics);
  }

  @Bean
  CustomerLookup customerLookup(IndexGateway index, IndexKeys keys, ShardGateway shards, RepairQueue repairs,
      MicrometerQueryMetrics metrics) {
    return new CustomerLookup(index, keys, shards, repairs, metrics);
  }

  @Bean
  OrderLookup orderLookup(IndexGateway index, IndexKeys keys, ShardGateway shards, RepairQueue repairs,
      MicrometerQueryMetrics metrics) {
    return new OrderLookup(index, keys, shards, repairs, metrics);
  }

  @Bean
  OrderListing orderListing(IndexGateway index, IndexKeys keys, ShardGateway shards, RepairQueue repairs,
      MicrometerQueryMetrics metrics) {
    return new OrderListing(index, keys, shards, repairs, metrics);
  }

  /** {@code backbone.query.circuit.state{dependency}}: 0 closed, 1 open, 2 half-open, 3 other. */
  private static DependencyGuard circuitGauge(MeterRegistry registry, DependencyGuard guard) {
    io.micrometer.core.instrument.Gauge.builder("backbone.query.circuit.state", guard, g -> switch (g.circuitBreaker().getState()) {
      case CLOSED -> 0;
      case OPEN -> 1;
      case HALF_OPEN -> 2;
      default -> 3;
    }).tag("dependency", guard.name()).register(registry);
    return guard;
  }

  /** The shards' connection pools, closed with the context. */
  record ShardPools(Map<ShardId, HikariDataSource> pools) implements AutoCloseable {
    @Override
    public void close() {
      pools.values().forEach(HikariDataSource::close);
    }
  }
}
