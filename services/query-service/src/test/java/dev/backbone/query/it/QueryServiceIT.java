package dev.backbone.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every endpoint against rows and index entries seeded as the sinks write them, on real PostgreSQL and Redis. */
@ExtendWith(LocalStackExtension.class)
class QueryServiceIT {

  private final String prefix;
  private final Seed seed;
  private final QueryApp app;
  private final String ada;
  private final String bob;
  /** Far-future, per-test placed times, so scatter listings over the shared shards see this test's orders first. */
  private final Instant base = Instant.ofEpochMilli(5_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 1000);

  QueryServiceIT(TestStack stack) {
    stack.redis();
    prefix = stack.uniqueName("qs") + ":";
    seed = new Seed(stack, prefix);
    app = new QueryApp(stack, prefix);
    ada = seed.customerOn(0, stack.uniqueName("ada"));
    bob = seed.customerOn(1, stack.uniqueName("bob"));
  }

  @AfterEach
  void close() {
    app.close();
    seed.close();
  }

  @Test
  void shouldAnswerEveryEndpointSayingHowItWasAnswered() {
    String adaEmail = ada + "@Example.com";
    seed.customer(ada, adaEmail, 1);
    seed.customer(bob, bob + "@example.com", 1);
    seed.order(ada, ada + "-o1", "PAID", base.plusMillis(1), 2);
    seed.order(bob, bob + "-o2", "PAID", base.plusMillis(2), 2);
    seed.order(bob, bob + "-o3", "PAID", base.plusMillis(2), 2);

    QueryApp.Response byId = app.get("/customers/" + ada);
    assertThat(byId.status()).isEqualTo(200);
    assertThat(byId.path()).isEqualTo("shard");
    assertThat(byId.field("email")).isEqualTo(adaEmail);

    QueryApp.Response byEmail = app.get("/customers?email=" + adaEmail.toUpperCase(java.util.Locale.ROOT));
    assertThat(byEmail.status()).isEqualTo(200);
    assertThat(byEmail.path()).isEqualTo("index");
    assertThat(byEmail.field("customerId")).isEqualTo(ada);

    QueryApp.Response order = app.get("/orders/" + bob + "-o2");
    assertThat(order.status()).isEqualTo(200);
    assertThat(order.path()).isEqualTo("index");
    assertThat(order.field("customerId")).isEqualTo(bob);

    QueryApp.Response firstPage = app.get("/orders?status=PAID&limit=2");
    assertThat(firstPage.path()).isEqualTo("index");
    assertThat(firstPage.orderIds()).containsExactly(bob + "-o3", bob + "-o2");
    assertThat(firstPage.field("partial")).isEqualTo("false");
    QueryApp.Response secondPage = app.get("/orders?status=PAID&limit=2&before=" + firstPage.field("nextCursor"));
    assertThat(secondPage.orderIds()).containsExactly(ada + "-o1");
    assertThat(secondPage.field("nextCursor")).isNull();

    QueryApp.Response ofBob = app.get("/customers/" + bob + "/orders");
    assertThat(ofBob.path()).isEqualTo("shard");
    assertThat(ofBob.orderIds()).containsExactly(bob + "-o3", bob + "-o2");

    QueryApp.Response missing = app.get("/customers?email=nobody-" + ada + "@example.com");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.path()).isEqualTo("index");
  }

  @Test
  void shouldNeverReturnTheCustomerAStaleIndexEntryNames() {
    String email = "moved-" + ada + "@example.com";
    seed.customer(ada, email, 1);
    seed.customerRowOnly(ada, "new-" + ada + "@example.com", 2); // the e-mail moved; the index still names ada
    seed.customerRowOnly(bob, email, 1); // and bob took the old address, the index not yet updated

    QueryApp.Response answer = app.get("/customers?email=" + email);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.field("customerId")).isEqualTo(bob);
    assertThat(answer.path()).isEqualTo("scatter");

    seed.redis().set(prefix + "email:gone-" + ada + "@example.com", ada); // planted by hand: nobody has it
    QueryApp.Response gone = app.get("/customers?email=gone-" + ada + "@example.com");
    assertThat(gone.status()).isEqualTo(404);

    seed.order(bob, bob + "-o9", "PLACED", base, 1);
    seed.redis().set(prefix + "order:" + bob + "-o9", ada); // wrong owner
    QueryApp.Response order = app.get("/orders/" + bob + "-o9");
    assertThat(order.status()).isEqualTo(200);
    assertThat(order.field("customerId")).isEqualTo(bob);

    assertThat(app.get("/actuator/prometheus").body()).contains("backbone_query_index_stale_total{kind=\"email\"} 2.0");

    // and the repair worker removes the three stale entries it was shown (still holding what the queries saw)
    for (String key : List.of("email:" + email, "email:gone-" + ada + "@example.com", "order:" + bob + "-o9")) {
      Eventually.await("stale entry " + key + " removed", java.time.Duration.ofSeconds(15),
          () -> seed.redis().exists(prefix + key), count -> count == 0L);
    }
    assertThat(app.get("/actuator/prometheus").body()).contains("backbone_query_repair_total{outcome=\"removed\"} 3.0");
  }

  @Test
  void shouldRejectBadInputWithAPreciseMessage() {
    for (String bad : List.of("/customers?email=not-an-email", "/customers", "/orders?status=LOST",
        "/orders?status=PAID&limit=0", "/orders?status=PAID&limit=9999", "/orders?status=PAID&before=yesterday",
        "/customers/bad%20id", "/orders/%27%20OR%201=1")) {
      QueryApp.Response response = app.get(bad);
      assertThat(response.status()).as(bad).isEqualTo(400);
      assertThat(response.field("error")).as(bad).isEqualTo("invalid_request");
      assertThat(response.field("parameter")).as(bad).isNotBlank();
    }
    assertThat(app.get("/orders?status=PAID&limit=0").field("message"))
        .isEqualTo("limit must be between 1 and 500, but was 0");
  }

  @Test
  void shouldServeTheOpenApiFileAndHealthGroups() {
    assertThat(app.get("/openapi.yaml").body()).contains("openapi: 3.0.3").contains("/orders/{orderId}");
    QueryApp.Response readiness = app.get("/actuator/health/readiness");
    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.body()).contains("\"shards\"");
    assertThat(app.get("/actuator/health/liveness").status()).isEqualTo(200);
    assertThat(app.bean(io.micrometer.tracing.Tracer.class)).isNotNull()
        .isNotSameAs(io.micrometer.tracing.Tracer.NOOP); // OpenTelemetry bridge in place
  }
}
