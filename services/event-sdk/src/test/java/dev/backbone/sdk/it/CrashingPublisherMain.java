package dev.backbone.sdk.it;

import dev.backbone.sdk.EventPublisher;
import dev.backbone.sdk.PublisherConfig;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child JVM of {@link PublisherCrashIT}: publishes events to an unreachable Kafka (so every event
 * is journaled) and appends the id of each acknowledged event to a ledger file, until it is
 * killed. Arguments: journal directory, ledger file, orders topic.
 */
public final class CrashingPublisherMain {

  private CrashingPublisherMain() {
  }

  public static void main(String[] args) throws Exception {
    Path journal = Path.of(args[0]);
    Path ledger = Path.of(args[1]);
    PublisherConfig config = ItConfig.publisher("127.0.0.1:1", args[2], journal);
    Workload workload = new Workload(50);
    try (FileOutputStream out = new FileOutputStream(ledger.toFile(), true);
         EventPublisher publisher = EventPublisher.builder(config).build()) {
      for (int i = 0; i < Integer.MAX_VALUE; i++) {
        var event = workload.event(publisher, i);
        publisher.publish(event).thenRun(() -> record(out, event.id().toString()));
        if (i % 100 == 99) {
          Thread.sleep(5);
        }
      }
    }
  }

  private static synchronized void record(FileOutputStream out, String id) {
    try {
      // write(2) reaches the page cache at once: a kill -9 of this JVM cannot lose it
      out.write((id + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write ledger", e);
    }
  }
}
