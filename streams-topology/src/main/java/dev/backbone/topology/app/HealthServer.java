package dev.backbone.topology.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code GET /health/live}, {@code /health/ready} and {@code /health} (details) on the JDK's HTTP
 * server: 200 when up or ready, 503 otherwise; the body is {@link Health#toJson()}. Also
 * {@code GET /metrics} for Prometheus ({@link AppMetrics}).
 */
final class HealthServer implements AutoCloseable {

  /** Prometheus' text exposition format. */
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;

  HealthServer(int port, Supplier<Health> health, Supplier<String> metrics) throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 16);
    server.createContext("/health/live", exchange -> reply(exchange, health.get(), health.get().live()));
    server.createContext("/health/ready", exchange -> reply(exchange, health.get(), health.get().ready()));
    server.createContext("/health", exchange -> reply(exchange, health.get(), health.get().live()));
    server.createContext("/metrics", exchange -> send(exchange, 200, PROMETHEUS_TEXT, metrics.get()));
    server.start();
  }

  /** The bound port (useful with port 0). */
  int port() {
    return server.getAddress().getPort();
  }

  private static void reply(HttpExchange exchange, Health health, boolean ok) throws IOException {
    send(exchange, ok ? 200 : 503, "application/json", health.toJson());
  }

  private static void send(HttpExchange exchange, int status, String contentType, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
