package dev.backbone.sdk.internal.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.sdk.BufferFullException;
import dev.backbone.sdk.FsyncPolicy;
import dev.backbone.sdk.JournalConfig;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

  @TempDir
  Path directory;

  private final List<Journal> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(Journal::close);
  }

  private Journal open(JournalConfig config) throws IOException {
    Journal journal = Journal.open(config, () -> { });
    opened.add(journal);
    return journal;
  }

  private JournalConfig config() {
    return JournalConfig.defaults(directory);
  }

  private static List<Long> appendAll(Journal journal, int count, String prefix) {
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      futures.add(journal.append((prefix + i).getBytes(UTF_8)));
    }
    return futures.stream().map(CompletableFuture::join).toList();
  }

  private static List<String> readAll(Journal journal) throws IOException {
    return journal.read(Integer.MAX_VALUE).stream().map(e -> new String(e.payload(), UTF_8)).toList();
  }

  @Test
  void shouldAcknowledgeAppendsWithIncreasingSequencesOnlyAfterSync() throws IOException {
    Journal journal = open(config());

    List<Long> sequences = appendAll(journal, 3, "e");

    assertThat(sequences).containsExactly(1L, 2L, 3L);
    assertThat(readAll(journal)).containsExactly("e0", "e1", "e2");
    assertThat(journal.depth()).isEqualTo(3);
  }

  @Test
  void shouldReplayUnacknowledgedEntriesAfterReopen() throws IOException {
    Journal first = open(config());
    appendAll(first, 5, "e");
    first.acknowledge(first.read(2));
    first.close();
    opened.remove(first);

    Journal second = open(config());

    assertThat(second.recovery().pendingEntries()).isEqualTo(3);
    assertThat(second.recovery().corruptions()).isEmpty();
    assertThat(readAll(second)).containsExactly("e2", "e3", "e4");
    assertThat(appendAll(second, 1, "n")).containsExactly(6L);
  }

  @Test
  void shouldRereadFromFirstUnacknowledgedEntryAfterRewind() throws IOException {
    Journal journal = open(config());
    appendAll(journal, 4, "e");
    journal.acknowledge(journal.read(1));
    journal.read(10);

    journal.rewind();

    assertThat(readAll(journal)).containsExactly("e1", "e2", "e3");
  }

  @Test
  void shouldRejectAppendsBeyondTheEntryBoundAndAcceptAgainAfterAcknowledgement() throws IOException {
    Journal journal = open(config().withBounds(1_000_000, 3));
    appendAll(journal, 3, "e");

    assertThatThrownBy(() -> journal.append("x".getBytes(UTF_8)))
        .isInstanceOf(BufferFullException.class)
        .hasMessageContaining("3 entries")
        .hasMessageContaining("backbone.sdk.journal.max-entries=3");

    journal.acknowledge(journal.read(1));
    assertThat(appendAll(journal, 1, "y")).containsExactly(4L);
  }

  @Test
  void shouldRejectAppendsBeyondTheByteBound() throws IOException {
    Journal journal = open(config().withBounds(100, 1000));
    journal.append(new byte[50]).join();

    assertThatThrownBy(() -> journal.append(new byte[50]))
        .isInstanceOf(BufferFullException.class)
        .hasMessageContaining("backbone.sdk.journal.max-bytes=100");
  }

  @Test
  void shouldRollSegmentsAndDeleteThoseFullyAcknowledged() throws IOException {
    Journal journal = open(config().withSegmentBytes(4096));
    for (int i = 0; i < 20; i++) {
      journal.append(new byte[1000]).join();
    }
    assertThat(segmentFiles()).hasSizeGreaterThan(4);

    journal.acknowledge(journal.read(20));

    assertThat(segmentFiles()).hasSize(1);
    assertThat(journal.depth()).isZero();
    assertThat(journal.bytes()).isZero();
  }

  @Test
  void shouldCutOffATornTailReportItAndKeepEarlierEntries() throws IOException {
    Journal first = open(config());
    appendAll(first, 3, "entry-");
    first.close();
    opened.remove(first);
    Path segment = segmentFiles().get(0);
    long size = Files.size(segment);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(size - 3);
    }

    Journal second = open(config());

    assertThat(second.recovery().corruptions()).singleElement().satisfies(c -> {
      assertThat(c.segment()).isEqualTo(segment);
      assertThat(c.reason()).contains("torn payload");
    });
    assertThat(second.recovery().pendingEntries()).isEqualTo(2);
    assertThat(readAll(second)).containsExactly("entry-0", "entry-1");
    assertThat(appendAll(second, 1, "next")).containsExactly(3L);
    assertThat(readAll(second)).containsExactly("next0");
  }

  @Test
  void shouldDetectAFlippedByteByChecksum() throws IOException {
    Journal first = open(config());
    appendAll(first, 3, "entry-");
    first.close();
    opened.remove(first);
    Path segment = segmentFiles().get(0);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      long secondEntryPayload = 8 + (16 + 7) + 16;
      file.seek(secondEntryPayload);
      file.write('X');
    }

    Journal second = open(config());

    assertThat(second.recovery().corruptions()).singleElement()
        .satisfies(c -> assertThat(c.reason()).contains("checksum mismatch for sequence 2"));
    assertThat(readAll(second)).containsExactly("entry-0");
  }

  @Test
  void shouldKeepAcknowledgedPrefixAcrossRestartsViaTheCheckpoint() throws IOException {
    Journal first = open(config());
    appendAll(first, 3, "e");
    first.acknowledge(first.read(3));
    first.close();
    opened.remove(first);

    Journal second = open(config());

    assertThat(second.isEmpty()).isTrue();
    assertThat(second.read(10)).isEmpty();
    assertThat(appendAll(second, 1, "n")).containsExactly(4L);
  }

  @Test
  void shouldSyncOnIntervalPolicyAndStillAcknowledgeOnlyDurableEntries() throws IOException {
    Journal journal = open(config().withFsync(FsyncPolicy.INTERVAL, Duration.ofMillis(20)));

    assertThat(appendAll(journal, 100, "e")).hasSize(100).last().isEqualTo(100L);
    assertThat(readAll(journal)).hasSize(100);
  }

  @Test
  void shouldRefuseAcknowledgementsOutOfOrder() throws IOException {
    Journal journal = open(config());
    appendAll(journal, 2, "e");
    List<JournalEntry> entries = journal.read(2);
    journal.acknowledge(entries);

    assertThatThrownBy(() -> journal.acknowledge(entries))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must follow sequence 2");
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
    }
  }

  @Test
  void shouldRefuseASecondJournalOnTheSameDirectory() throws IOException {
    open(config());

    assertThatThrownBy(() -> Journal.open(config(), () -> { }))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("in use by another publisher");
  }
}
