package dev.backbone.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.sdk.EventPublisher;
import dev.backbone.stack.LocalJvm;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LocalStackExtension.class)
class PublisherCrashIT {

  private static final int MIN_ACKED = 5_000;
  /** Half an entry header: what a write cut short by the kill leaves at the end of a segment. */
  private static final byte[] TORN_ENTRY = {0, 0, 0, 42, 0, 0, 0, 0};

  private final TestStack stack;

  @TempDir
  Path work;

  PublisherCrashIT(TestStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldLoseNoAcknowledgedEventWhenThePublisherJvmIsKilledAndItsJournalTailIsTorn() throws Exception {
    // given a publisher JVM that journals events (its Kafka is unreachable) and records every ack
    String topic = stack.createTopic("sdk-crash", 3);
    Path journal = work.resolve("journal");
    Path ledger = work.resolve("ledger.txt");
    Files.createFile(ledger);
    List<String> command = LocalJvm.command("256m");
    command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        CrashingPublisherMain.class.getName(), journal.toString(), ledger.toString(), topic));
    Process child = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(work.resolve("child.log").toFile())
        .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (Files.readAllLines(ledger).size() < MIN_ACKED && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(child.isAlive()).as("child JVM alive; see %s", work.resolve("child.log")).isTrue();

      // when it is killed with SIGKILL mid-stream
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    } finally {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
    List<String> acknowledged = Files.readAllLines(ledger).stream().filter(line -> line.length() == 36).toList();
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(MIN_ACKED);

    // and the newest segment ends in a torn entry, as a kill in the middle of a write leaves it
    Path newest = newestSegment(journal);
    long intactBytes = Files.size(newest);
    Files.write(newest, TORN_ENTRY, StandardOpenOption.APPEND);

    // and a new publisher starts on the same journal with Kafka reachable
    try (EventPublisher publisher = EventPublisher.builder(
        ItConfig.publisher(stack.kafka().bootstrapServers(), topic, journal)).build()) {
      assertThat(publisher.recovery().pendingEntries()).isGreaterThanOrEqualTo(acknowledged.size());
      // the torn tail is reported and cut off (the kill itself may have torn the entry before it)
      assertThat(publisher.recovery().corruptions()).singleElement().satisfies(torn -> {
        assertThat(torn.segment()).isEqualTo(newest);
        assertThat(torn.offset()).isLessThanOrEqualTo(intactBytes);
        assertThat(torn.offset() + torn.bytesDiscarded()).isEqualTo(intactBytes + TORN_ENTRY.length);
      });
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (publisher.bufferedEvents() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(publisher.bufferedEvents()).isZero();
    }

    // then every acknowledged event is in Kafka, in order per key
    List<ConsumedEvent> log = TopicReader.readAll(stack.kafka().bootstrapServers(), topic, acknowledged.size(), Duration.ofMinutes(2));
    assertThat(log.stream().map(ConsumedEvent::eventId).toList()).containsAll(acknowledged);
    assertThat(TopicReader.orderViolations(log)).isEmpty();
    assertThat(new File(journal.toFile(), "checkpoint")).exists();
  }

  private static Path newestSegment(Path journal) throws IOException {
    try (Stream<Path> files = Files.list(journal)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".seg")).max(Comparator.naturalOrder())
          .orElseThrow(() -> new AssertionError("no journal segment in " + journal));
    }
  }
}
