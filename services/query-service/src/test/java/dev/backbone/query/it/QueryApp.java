package dev.backbone.query.it;

import dev.backbone.query.config.QueryServiceApplication;
import dev.backbone.query.index.LazyRedisConnection;
import dev.backbone.testkit.TestStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The query service started on a random port against the test stack's shards and Redis. */
final class QueryApp implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ConfigurableApplicationContext context;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  QueryApp(TestStack stack, String indexPrefix) {
    List<String> args = new ArrayList<>(List.of("--server.port=0",
        "--backbone.query.redis-uri=" + stack.layout().redisSentinelUri(),
        "--backbone.query.index-prefix=" + indexPrefix,
        "--backbone.query.redis-timeout=500ms",
        "--backbone.query.shard-timeout=2s",
        "--backbone.query.circuit-open-for=1s"));
    for (int i = 0; i < stack.layout().shardCount(); i++) {
      args.add("--backbone.query.shards[" + i + "]=" + stack.postgres().shard(i).jdbcUrl());
    }
    context = new SpringApplication(QueryServiceApplication.class).run(args.toArray(String[]::new));
    base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    context.getBean(LazyRedisConnection.class).get(); // tests start from a connected index

  }

  Response get(String pathAndQuery) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(20)).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers().firstValue("X-Backbone-Path").orElse(null),
          response.body());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + pathAndQuery + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }

  /**
   * One HTTP answer.
   *
   * @param status HTTP status
   * @param path the {@code X-Backbone-Path} header, or null
   * @param body raw body
   */
  record Response(int status, String path, String body) {

    JsonNode json() {
      return JSON.readTree(body);
    }

    String field(String name) {
      JsonNode node = json().get(name);
      return node == null || node.isNull() ? null : node.asString();
    }

    List<String> orderIds() {
      List<String> ids = new ArrayList<>();
      json().get("orders").forEach(order -> ids.add(order.get("orderId").asString()));
      return ids;
    }
  }
}
