package dev.backbone.topology.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.index.RedisCredentials;
import dev.backbone.topology.index.IndexOp;
import dev.backbone.topology.index.IndexWriteException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production Redis setup in miniature, on real servers: a data node whose {@code default} user is
 * off (only an ACL user may write the index) and a Sentinel with its own {@code requirepass}. The
 * index writer must authenticate to both, with credentials kept out of the (logged) Sentinel URI.
 */
class RedisAuthIT {

  private static final String MASTER = "backbone-auth";
  private static final String USER = "streams-topology";
  private static final String PASSWORD = "index-writer-secret";
  private static final String SENTINEL_PASSWORD = "sentinel-secret";
  private static final List<Process> PROCESSES = new ArrayList<>();

  @TempDir
  static Path dir;
  private static int redisPort;
  private static int sentinelPort;

  @BeforeAll
  static void startAuthenticatedRedisAndSentinel() throws Exception {
    redisPort = freePort();
    sentinelPort = freePort();
    Files.writeString(dir.resolve("redis.conf"), String.join("\n",
        "port " + redisPort, "bind 127.0.0.1", "dir " + dir, "save \"\"", "appendonly no",
        "user default off",
        "user " + USER + " on >" + PASSWORD + " ~backbone:auth:* +@all",
        // The Sentinel's view of the data node (the production ACL file has such a user too).
        "user sentinel on >" + SENTINEL_PASSWORD + " allchannels +@all", ""));
    Files.writeString(dir.resolve("sentinel.conf"), String.join("\n",
        "port " + sentinelPort, "bind 127.0.0.1", "dir " + dir,
        "requirepass " + SENTINEL_PASSWORD,
        "sentinel monitor " + MASTER + " 127.0.0.1 " + redisPort + " 1",
        "sentinel auth-user " + MASTER + " sentinel",
        "sentinel auth-pass " + MASTER + " " + SENTINEL_PASSWORD, ""));
    start("redis-server", dir.resolve("redis.conf").toString());
    start("redis-server", dir.resolve("sentinel.conf").toString(), "--sentinel");
    awaitMasterKnownToSentinel();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    for (Process process : PROCESSES) {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldWriteTheIndexAsTheAclUserThroughAPasswordProtectedSentinel() throws Exception {
    RedisCredentials credentials = new RedisCredentials(USER, PASSWORD, SENTINEL_PASSWORD);

    try (RedisIndexWriter writer = new RedisIndexWriter(sentinelUri(), credentials, Duration.ofSeconds(5), 0)) {
      writer.apply(List.of(new IndexOp.Put("backbone:auth:email:a@example.com", "c-1")));
    }

    RedisURI direct = RedisURI.builder().withHost("127.0.0.1").withPort(redisPort).withAuthentication(USER, PASSWORD).build();
    try (RedisClient client = RedisClient.create(direct);
        StatefulRedisConnection<String, String> connection = client.connect()) {
      assertThat(connection.sync().get("backbone:auth:email:a@example.com")).isEqualTo("c-1");
    }
  }

  @Test
  void shouldBeRefusedWithoutTheSentinelPasswordOrTheUser() {
    for (RedisCredentials wrong : List.of(RedisCredentials.NONE, new RedisCredentials(USER, PASSWORD, ""),
        new RedisCredentials("", "", SENTINEL_PASSWORD))) {
      assertThatThrownBy(() -> {
        try (RedisIndexWriter writer = new RedisIndexWriter(sentinelUri(), wrong, Duration.ofSeconds(2), 0)) {
          writer.apply(List.of(new IndexOp.Put("backbone:auth:email:b@example.com", "c-2")));
        }
      }).as("credentials %s", wrong).isInstanceOf(IndexWriteException.class);
    }
  }

  private static String sentinelUri() {
    return "redis-sentinel://127.0.0.1:" + sentinelPort + "?sentinelMasterId=" + MASTER;
  }

  private static void start(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(command.length > 2 ? "sentinel.log" : "redis.log").toFile()).start();
    PROCESSES.add(process);
  }

  private static void awaitMasterKnownToSentinel() throws Exception {
    RedisURI sentinel = RedisURI.builder().withHost("127.0.0.1").withPort(sentinelPort).withPassword(SENTINEL_PASSWORD.toCharArray())
        .build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try (RedisClient client = RedisClient.create(sentinel);
          var connection = client.connectSentinel()) {
        if (connection.sync().getMasterAddrByName(MASTER) != null) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the Sentinel did not come up monitoring " + MASTER + "; see " + dir, last);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
