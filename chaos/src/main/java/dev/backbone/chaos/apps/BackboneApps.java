package dev.backbone.chaos.apps;

import dev.backbone.stack.ComponentFailedException;
import dev.backbone.stack.LocalJvm;
import dev.backbone.stack.LocalStack;
import dev.backbone.stack.StackLayout;
import dev.backbone.stack.process.Await;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts the backbone's own applications beside the stack, as processes the stack's pid files
 * record, so {@code ./backbone down} stops them with everything else: Streams app instances
 * (topology, shard sink, index sink; instance 0 is {@code streams-app}, instance 1
 * {@code streams-app-2}, …) and the query service. Ports come from {@link StackLayout}.
 */
public final class BackboneApps {

    /** Process name of the query service. */
    public static final String QUERY_SERVICE = "query-service";
    /** How long an app may take to report ready. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** Maximum heap of a query service process. */
    public static final String QUERY_SERVICE_HEAP = "384m";
    /** Maximum heap of a Streams app process. */
    private static final String STREAMS_HEAP = "512m";

    private final LocalStack stack;
    private final AppsSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public BackboneApps(LocalStack stack, AppsSettings settings) {
        this.stack = stack;
        this.settings = settings;
    }

    public AppsSettings settings() {
        return settings;
    }

    /** Process name of Streams app instance {@code instance}. */
    public static String streamsName(int instance) {
        return instance == 0 ? "streams-app" : "streams-app-" + (instance + 1);
    }

    /** The local state folder of a Streams app instance (RocksDB stores, checkpoints). */
    public Path streamsStateDir(int instance) {
        return stack.layout().runtimeDir().resolve(instance == 0 ? "streams-state" : "streams-state-" + (instance + 1));
    }

    /** Starts Streams app instance {@code instance} unless it runs, and waits until it is ready. */
    public void startStreamsApp(int instance) {
        startStreamsApp(instance, List.of());
    }

    /**
     * Like {@link #startStreamsApp(int)} with extra JVM options after the stack's own (a later
     * {@code -D} or {@code -XX} wins): a benchmark's tuning options.
     */
    public void startStreamsApp(int instance, List<String> jvmOptions) {
        launchStreamsApp(instance, streamsName(instance), stack.layout().appsBootstrapServers(), jvmOptions);
        awaitReady(streamsName(instance), streamsReadyUrl(instance), READY_TIMEOUT);
    }

    /**
     * Launches a Streams app instance under {@code name} without waiting, with the given bootstrap
     * servers and extra JVM options: the way a rollout starts a new version it does not trust yet.
     */
    public void launchStreamsApp(int instance, String name, String bootstrapServers, List<String> jvmOptions) {
        StackLayout layout = stack.layout();
        List<String> command = LocalJvm.command(STREAMS_HEAP);
        command.addAll(List.of("-cp", classpath(layout.projectRoot().resolve("streams-topology")),
                "-Dbackbone.streams.bootstrap-servers=" + bootstrapServers,
                "-Dbackbone.streams.application-id=" + settings.applicationId(),
                "-Dbackbone.streams.state-dir=" + streamsStateDir(instance),
                "-Dbackbone.redis.sentinel-uri=" + layout.redisSentinelUri(),
                "-Dbackbone.index.key-prefix=" + settings.indexPrefix(),
                "-Dbackbone.shard-sink.breaker-wait=2s",
                "-Dbackbone.health.port=" + layout.streamsHealthPort(instance)));
        command.addAll(jvmOptions);
        for (int i = 0; i < layout.shardCount(); i++) {
            command.add("-Dbackbone.shard." + i + ".jdbc-url=" + layout.shardJdbcUrl(i));
        }
        command.add("dev.backbone.topology.app.BackboneApp");
        stack.processes().start(name, command, Map.of(), Optional.empty());
    }

    /** Readiness URL of a Streams app instance ({@code 200} once its topology runs). */
    public String streamsReadyUrl(int instance) {
        return "http://127.0.0.1:" + stack.layout().streamsHealthPort(instance) + "/health/ready";
    }

    /** kill -9 of a Streams app instance, the way a crashed pod ends. */
    public boolean killStreamsApp(int instance) {
        return stack.processes().kill(streamsName(instance));
    }

    /** Graceful stop (SIGTERM: Streams commits and closes) of a process started here. */
    public boolean stop(String name) {
        return stack.processes().stop(name, "TERM", Duration.ofSeconds(40));
    }

    /**
     * Stops every Streams process but instance 0 (extra instances, canaries) that an earlier drill
     * or a killed run left behind, so their health ports and group memberships are free again.
     */
    public List<String> stopExtraStreamsProcesses() {
        List<String> stopped = new ArrayList<>();
        for (String name : stack.processes().recordedNames()) {
            if (name.startsWith("streams-app") && !name.equals(streamsName(0)) && stop(name)) {
                stopped.add(name);
            }
        }
        return stopped;
    }

    public boolean isRunning(String name) {
        return stack.processes().running(name).isPresent();
    }

    /** Starts the query service unless it runs, and waits until it is ready. */
    public void startQueryService() {
        StackLayout layout = stack.layout();
        startQueryService(QUERY_SERVICE, LocalJvm.command(QUERY_SERVICE_HEAP), layout.queryServicePort(),
                List.copyOf(layout.shardJdbcUrls().values()), layout.redisSentinelUri(), settings.indexPrefix());
    }

    /**
     * Starts a query service process {@code name} on {@code port} over the given shards (by shard
     * number), Redis and index prefix unless it runs, and waits until it is ready: the benchmarks' own
     * instances over scratch shards.
     *
     * @param jvm the start of the command line, from {@link LocalJvm}
     */
    public void startQueryService(String name, List<String> jvm, int port, List<String> shardUrls, String redisUri, String indexPrefix) {
        List<String> command = new ArrayList<>(jvm);
        command.addAll(List.of("-cp", classpath(stack.layout().projectRoot().resolve("services/query-service")),
                "dev.backbone.query.config.QueryServiceApplication",
                "--server.port=" + port,
                "--backbone.query.redis-uri=" + redisUri,
                "--backbone.query.index-prefix=" + indexPrefix));
        for (int i = 0; i < shardUrls.size(); i++) {
            command.add("--backbone.query.shards[" + i + "]=" + shardUrls.get(i));
        }
        stack.processes().start(name, command, Map.of(), Optional.empty());
        awaitReady(name, "http://127.0.0.1:" + port + "/actuator/health/readiness", READY_TIMEOUT);
    }

    /** GET on the query service; never throws for a missing or slow answer (status 0 instead). */
    public QueryAnswer query(String pathAndQuery, Duration timeout) {
        return query(stack.layout().queryServicePort(), pathAndQuery, timeout);
    }

    /**
     * GET on the query service listening on {@code port}; never throws for a missing or slow answer
     * (status 0 instead). Blocking {@link HttpURLConnection} on the calling thread, with the JDK's
     * keep-alive pool: {@code java.net.http.HttpClient} hands every exchange to its selector thread
     * and back, and on two shared cores those hand-offs showed up in {@code bench query}'s p99.
     */
    public QueryAnswer query(int port, String pathAndQuery, Duration timeout) {
        long start = System.nanoTime();
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + pathAndQuery).toURL().openConnection();
            int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
            connection.setConnectTimeout(millis);
            connection.setReadTimeout(millis);
            int status = connection.getResponseCode();
            String body;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8); // read fully: the connection is reused
            }
            String path = Objects.requireNonNullElse(connection.getHeaderField("X-Backbone-Path"), "");
            return new QueryAnswer(status, path, body, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException | IllegalArgumentException e) {
            if (connection != null) {
                connection.disconnect();
            }
            return new QueryAnswer(0, "", String.valueOf(e.getMessage()), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** Whether {@code url} answers 200 now. */
    public boolean isReady(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until {@code url} answers 200 while process {@code name} lives.
     *
     * @throws ComponentFailedException naming the process and its log when it died or stayed unready
     */
    public void awaitReady(String name, String url, Duration timeout) {
        boolean ready = Await.until(() -> !isRunning(name) || isReady(url), timeout, Duration.ofMillis(500));
        if (!ready || !isRunning(name)) {
            throw new ComponentFailedException(name, stack.logFile(name), (isRunning(name) ? "not ready" : "exited before it was ready")
                    + " at " + url + " within " + timeout.toSeconds() + " s");
        }
    }

    private static String classpath(Path module) {
        Path classes = module.resolve("target/classes");
        Path lib = module.resolve("target/lib");
        if (!Files.isDirectory(classes) || !Files.isDirectory(lib)) {
            throw new ComponentFailedException(module.getFileName().toString(), null, "not built: " + lib
                    + " is missing; run mvn -q -DskipTests install (./backbone does it on a fresh checkout)");
        }
        return classes + ":" + lib + "/*";
    }
}
