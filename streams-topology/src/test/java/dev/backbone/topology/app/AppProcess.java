package dev.backbone.topology.app;

import dev.backbone.stack.LocalJvm;
import dev.backbone.testkit.TestStack;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The backbone application as its own JVM, launched from the build output ({@code target/classes}
 * plus {@code target/lib}, which {@code package} fills), so a test can kill it with SIGKILL. The
 * build output is copied once per test JVM to a private folder first: the working tree is shared,
 * and another build recompiling {@code target/classes} must not break a running test.
 */
final class AppProcess {

  private static Path copy;

  private final Process process;
  private final int healthPort;

  private AppProcess(Process process, int healthPort) {
    this.process = process;
    this.healthPort = healthPort;
  }

  /** Starts the app for {@code stack} with its own application id, state dir and index prefix. */
  static AppProcess launch(TestStack stack, String applicationId, Path stateDir, String indexPrefix, Path log)
      throws IOException {
    return launch(stack, applicationId, stateDir, indexPrefix, log, Map.of());
  }

  /** As {@link #launch(TestStack, String, Path, String, Path)}, plus {@code settings} (system properties). */
  static AppProcess launch(TestStack stack, String applicationId, Path stateDir, String indexPrefix, Path log,
      Map<String, String> settings) throws IOException {
    Path app = classpathCopy();
    int port = freePort();
    List<String> command = LocalJvm.command("384m");
    command.addAll(List.of("-cp", app.resolve("classes") + File.pathSeparator + app.resolve("lib") + File.separator + "*",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.log.dev.backbone=info",
        "-Dorg.slf4j.simpleLogger.showDateTime=true",
        "-Dbackbone.streams.bootstrap-servers=" + stack.layout().appsBootstrapServers(),
        "-Dbackbone.streams.application-id=" + applicationId,
        "-Dbackbone.streams.state-dir=" + stateDir,
        "-Dbackbone.redis.sentinel-uri=" + stack.layout().redisSentinelUri(),
        "-Dbackbone.index.key-prefix=" + indexPrefix,
        "-Dbackbone.shard-sink.breaker-wait=2s",
        "-Dbackbone.health.port=" + port));
    for (int i = 0; i < stack.layout().shardCount(); i++) {
      command.add("-Dbackbone.shard." + i + ".jdbc-url=" + stack.layout().shardJdbcUrl(i));
    }
    settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add(BackboneApp.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return new AppProcess(process, port);
  }

  /** Copies {@code target/classes} and {@code target/lib} once; deleted by {@link #deleteClasspathCopy()}. */
  private static synchronized Path classpathCopy() throws IOException {
    if (copy == null) {
      Path target = Path.of(System.getProperty("user.dir"), "target");
      Path dir = Files.createTempDirectory("backbone-app-it-");
      copyTree(target.resolve("classes"), dir.resolve("classes"));
      copyTree(target.resolve("lib"), dir.resolve("lib"));
      if (!Files.exists(dir.resolve("classes").resolve(BackboneApp.class.getName().replace('.', '/') + ".class"))) {
        throw new IllegalStateException("no BackboneApp.class in " + target + "/classes: run mvn package first");
      }
      copy = dir;
    }
    return copy;
  }

  static synchronized void deleteClasspathCopy() throws IOException {
    if (copy != null) {
      try (Stream<Path> paths = Files.walk(copy)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
      copy = null;
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  long pid() {
    return process.pid();
  }

  /** Waits until {@code /health/ready} answers 200 (Streams RUNNING, both sinks alive). */
  void awaitReady(Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the app exited with " + process.exitValue() + " before it was ready");
      }
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + healthPort + "/health/ready")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = response.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the app was not ready within " + timeout + ": " + last);
  }

  /** {@code GET /metrics}: the app's metrics in Prometheus' text format. */
  String scrapeMetrics() throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + healthPort + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("/metrics answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** SIGKILL, as {@code kill -9 <pid>}: no shutdown hook, nothing flushed. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then SIGKILL if it does not stop in time. */
  void stop() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(45, TimeUnit.SECONDS)) {
        kill9();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
