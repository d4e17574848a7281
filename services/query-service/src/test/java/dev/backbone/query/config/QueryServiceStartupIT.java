package dev.backbone.query.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/** A bad {@code backbone.query.*} value stops the Spring start-up, naming the key and value (no servers needed). */
class QueryServiceStartupIT {

  @Test
  void shouldRefuseToStartWithAShardUrlThatIsNotPostgres() {
    assertThatThrownBy(() -> new SpringApplication(QueryServiceApplication.class).run("--server.port=0",
        "--backbone.query.redis-uri=redis-sentinel://127.0.0.1:1?sentinelMasterId=m",
        "--backbone.query.shards[0]=mysql://x").close())
        .rootCause().hasMessage("backbone.query.shards[0] must be a jdbc:postgresql: URL, but was 'mysql://x'");
  }
}
