package dev.backbone.query.config;

import dev.backbone.query.ShardUnavailableException;
import dev.backbone.query.index.IndexGateway;
import dev.backbone.query.shard.ShardGateway;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health contributors. {@code shards} is in the readiness group: UP while at least one shard answers
 * (a single down shard degrades answers — 503 for its point look-ups, partial listings — but must not
 * take every replica out of the load balancer), DOWN when none does; details list each shard.
 * {@code index} reports the Redis circuit; it is not part of readiness: without Redis the service
 * still answers, by scatter-gather.
 */
@Configuration(proxyBeanMethods = false)
public class QueryHealthIndicators {

  @Bean
  HealthIndicator shards(ShardGateway shards) {
    return () -> {
      List<ShardUnavailableException> down = shards.unreachableShards();
      Map<String, Object> details = new LinkedHashMap<>();
      shards.allShards().forEach(shard -> details.put(shard.dataSourceName(), "UP"));
      down.forEach(failure -> details.put(failure.shard().dataSourceName(), "DOWN: " + failure.getMessage()));
      Health.Builder health = down.size() == shards.allShards().size() ? Health.down() : Health.up();
      return health.withDetails(details).build();
    };
  }

  @Bean
  HealthIndicator index(IndexGateway index) {
    return () -> Health.up().withDetail("circuit", index.guard().circuitBreaker().getState().name()).build();
  }
}
