package dev.backbone.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.stack.redis.RedisGroup;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Redis killed (primary and replica, SIGKILL): every look-up still answers, correctly, by scatter-gather. */
@ExtendWith(LocalStackExtension.class)
class RedisOutageIT {

  private final TestStack stack;
  private final Seed seed;
  private final QueryApp app;
  private final String ada;
  private final String bob;
  private final Instant base = Instant.ofEpochMilli(6_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 1000);

  RedisOutageIT(TestStack stack) {
    this.stack = stack;
    stack.redis();
    String prefix = stack.uniqueName("qs") + ":";
    seed = new Seed(stack, prefix);
    app = new QueryApp(stack, prefix);
    ada = seed.customerOn(0, stack.uniqueName("ada"));
    bob = seed.customerOn(1, stack.uniqueName("bob"));
  }

  @AfterEach
  void close(TestStack stack) {
    app.close();
    seed.close();
    stack.heal();
  }

  private void index() {
    seed.customer(ada, ada + "@example.com", 1);
    seed.customer(bob, bob + "@example.com", 1);
    seed.order(ada, ada + "-o1", "SHIPPED", base.plusMillis(1), 1);
    seed.order(bob, bob + "-o2", "SHIPPED", base.plusMillis(2), 1);
  }

  @Test
  void shouldAnswerEveryLookupByScatterWhileRedisIsDownAndResumeTheIndexPathWhenItReturns() {
    index();
    Eventually.await("index path answers", Duration.ofSeconds(30),
        () -> app.get("/customers?email=" + bob + "@example.com"), r -> "index".equals(r.path()));

    RedisGroup redis = stack.redis();
    redis.kill(redis.serverA());
    redis.kill(redis.serverB());

    QueryApp.Response byEmail = app.get("/customers?email=" + bob + "@example.com");
    assertThat(byEmail.status()).isEqualTo(200);
    assertThat(byEmail.path()).isEqualTo("scatter");
    assertThat(byEmail.field("customerId")).isEqualTo(bob);

    QueryApp.Response order = app.get("/orders/" + ada + "-o1");
    assertThat(order.status()).isEqualTo(200);
    assertThat(order.path()).isEqualTo("scatter");
    assertThat(order.field("customerId")).isEqualTo(ada);

    QueryApp.Response listing = app.get("/orders?status=SHIPPED&limit=2&before=" + base.plusMillis(10).toEpochMilli());
    assertThat(listing.path()).isEqualTo("scatter");
    assertThat(listing.orderIds()).containsExactly(bob + "-o2", ada + "-o1");
    assertThat(listing.field("partial")).isEqualTo("false");

    QueryApp.Response missing = app.get("/orders/" + ada + "-nope");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.path()).isEqualTo("scatter");

    assertThat(app.get("/customers/" + ada).path()).isEqualTo("shard");
    assertThat(app.get("/actuator/health/readiness").status()).isEqualTo(200);
    assertThat(app.get("/actuator/prometheus").body()).contains("backbone_query_fallbacks_total{reason=\"index_unavailable\"}");

    stack.heal();
    index(); // the sink re-applies its changes; entries written in the last second before the kill may be lost

    Eventually.await("index path resumes", Duration.ofSeconds(30),
        () -> app.get("/customers?email=" + bob + "@example.com"), r -> "index".equals(r.path()));
    assertThat(app.get("/orders/" + ada + "-o1").path()).isEqualTo("index");
  }
}
