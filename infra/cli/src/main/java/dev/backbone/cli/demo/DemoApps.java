package dev.backbone.cli.demo;

import dev.backbone.stack.ComponentFailedException;
import dev.backbone.stack.LocalStack;
import dev.backbone.stack.StackLayout;
import dev.backbone.stack.process.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the backbone's own applications beside the stack, as processes the stack's pid files
 * record, so {@code ./backbone down} stops them with everything else: the Streams app (topology,
 * shard sink, index sink) and the query service.
 */
public final class DemoApps {

    public static final String STREAMS_APP = "streams-app";
    public static final String QUERY_SERVICE = "query-service";
    static final int STREAMS_HEALTH_PORT = 18081;
    public static final int QUERY_PORT = 18085;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public DemoApps(LocalStack stack) {
        this.stack = stack;
    }

    public void startStreamsApp() {
        StackLayout layout = stack.layout();
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx768m",
                "-cp", classpath(layout.projectRoot().resolve("streams-topology")),
                "-Dbackbone.streams.bootstrap-servers=" + layout.bootstrapServers(),
                "-Dbackbone.streams.state-dir=" + layout.runtimeDir().resolve("streams-state"),
                "-Dbackbone.redis.sentinel-uri=" + layout.redisSentinelUri(),
                "-Dbackbone.health.port=" + STREAMS_HEALTH_PORT));
        for (int i = 0; i < layout.shardCount(); i++) {
            command.add("-Dbackbone.shard." + i + ".jdbc-url=" + layout.shardJdbcUrl(i));
        }
        command.add("dev.backbone.topology.app.BackboneApp");
        stack.processes().start(STREAMS_APP, command, Map.of(), Optional.empty());
        awaitHttp(STREAMS_APP, "http://127.0.0.1:" + STREAMS_HEALTH_PORT + "/health/ready");
    }

    public void startQueryService() {
        StackLayout layout = stack.layout();
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m",
                "-cp", classpath(layout.projectRoot().resolve("services/query-service")),
                "dev.backbone.query.config.QueryServiceApplication",
                "--server.port=" + QUERY_PORT,
                "--backbone.query.redis-uri=" + layout.redisSentinelUri()));
        for (int i = 0; i < layout.shardCount(); i++) {
            command.add("--backbone.query.shards[" + i + "]=" + layout.shardJdbcUrl(i));
        }
        stack.processes().start(QUERY_SERVICE, command, Map.of(), Optional.empty());
        awaitHttp(QUERY_SERVICE, "http://127.0.0.1:" + QUERY_PORT + "/actuator/health/readiness");
    }

    /** GET on the query service: status, X-Backbone-Path and body. */
    public String query(String pathAndQuery) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + QUERY_PORT + pathAndQuery))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body().length() > 160 ? response.body().substring(0, 160) + "…" : response.body();
            return response.statusCode() + " via " + response.headers().firstValue("X-Backbone-Path").orElse("?") + "  " + body;
        } catch (IOException e) {
            return "failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private void awaitHttp(String name, String url) {
        boolean up = Await.until(() -> {
            if (stack.processes().running(name).isEmpty()) {
                return true; // died: reported below
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }, READY_TIMEOUT, Duration.ofMillis(500));
        if (!up || stack.processes().running(name).isEmpty()) {
            throw new ComponentFailedException(name, stack.logFile(name), "not ready at " + url + " within " + READY_TIMEOUT.toSeconds() + " s");
        }
    }

    private static String classpath(Path module) {
        Path classes = module.resolve("target/classes");
        Path lib = module.resolve("target/lib");
        if (!Files.isDirectory(classes) || !Files.isDirectory(lib)) {
            throw new ComponentFailedException(module.getFileName().toString(), null, "not built: " + lib
                    + " is missing; run mvn -q -DskipTests install (./backbone demo does it on a fresh checkout)");
        }
        return classes + ":" + lib + "/*";
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
