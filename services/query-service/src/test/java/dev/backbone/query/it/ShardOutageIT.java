package dev.backbone.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.stack.postgres.PostgresNode;
import dev.backbone.stack.postgres.Shard;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Both nodes of one shard killed (SIGKILL): the other shard is unaffected, listings say what is
 * missing; when the standby's keeper runs again, pg_auto_failover promotes it by itself and the shard
 * answers again. (Killing only the primary would be failed over in about 10 s, too soon to observe
 * the outage reliably.)
 */
@ExtendWith(LocalStackExtension.class)
class ShardOutageIT {

  private final TestStack stack;
  private final Seed seed;
  private final QueryApp app;
  private final String ada;
  private final String bob;
  private final Instant base = Instant.ofEpochMilli(7_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 1000);

  ShardOutageIT(TestStack stack) {
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

  @Test
  void shouldKeepTheOtherShardAnsweringFlagPartialListingsAndRecoverAfterAutomaticFailover() {
    seed.customer(ada, ada + "@example.com", 1);
    seed.customer(bob, bob + "@example.com", 1);
    seed.order(ada, ada + "-o1", "CANCELLED", base.plusMillis(1), 1);
    seed.order(bob, bob + "-o2", "CANCELLED", base.plusMillis(2), 1);
    seed.awaitOnStandby(1, bob, 1);
    String page = "/orders?status=CANCELLED&limit=2&before=" + base.plusMillis(10).toEpochMilli();
    assertThat(app.get(page).orderIds()).containsExactly(bob + "-o2", ada + "-o1");

    Shard shard1 = stack.postgres().shard(1);
    PostgresNode standby = shard1.standby().orElseThrow();
    shard1.primary().orElseThrow().kill();
    standby.kill();

    assertThat(app.get("/customers/" + ada).status()).isEqualTo(200);
    assertThat(app.get("/customers?email=" + ada + "@example.com").path()).isEqualTo("index");
    assertThat(app.get("/orders/" + ada + "-o1").status()).isEqualTo(200);

    QueryApp.Response down = app.get("/customers/" + bob);
    assertThat(down.status()).isEqualTo(503);
    assertThat(down.field("error")).isEqualTo("shard_unavailable");
    assertThat(down.field("shard")).isEqualTo("shard_1");
    assertThat(app.get("/customers?email=" + bob + "@example.com").status()).isEqualTo(503);
    assertThat(app.get("/customers/" + bob + "/orders").status()).isEqualTo(503);

    QueryApp.Response partial = app.get(page);
    assertThat(partial.status()).isEqualTo(200);
    assertThat(partial.field("partial")).isEqualTo("true");
    assertThat(partial.json().get("missingShards").toString()).isEqualTo("[\"shard_1\"]");
    assertThat(partial.orderIds()).containsExactly(ada + "-o1");
    assertThat(app.get("/actuator/health/readiness").status()).isEqualTo(200);

    standby.start(); // its keeper reports to the monitor, which fails the dead primary over to it

    Eventually.await("shard_1 answers after the automatic failover", Duration.ofSeconds(90),
        () -> app.get("/customers/" + bob), r -> r.status() == 200);
    // shard_1's breaker may still be half-open after that first answer: listings are whole again once it closes
    QueryApp.Response full = Eventually.await("listings complete again", Duration.ofSeconds(30),
        () -> app.get(page), r -> "false".equals(r.field("partial")));
    assertThat(full.orderIds()).containsExactly(bob + "-o2", ada + "-o1");
    assertThat(app.get("/customers?email=" + bob + "@example.com").field("customerId")).isEqualTo(bob);
  }
}
