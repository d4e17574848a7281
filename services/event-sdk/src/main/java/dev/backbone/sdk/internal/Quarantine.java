package dev.backbone.sdk.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Journaled events that Kafka rejected for what they are (too large for the topic, an invalid
 * record), set aside so the events behind them drain: a poison event must not stall a publisher
 * forever, and an event acknowledged to its caller as durable must not be dropped either.
 *
 * <p>One pair of files per event in {@code <journal>/quarantine/}: {@code <sequence>.event}, the
 * journal payload as it was (see {@link RecordFormat}), and {@code <sequence>.reason}, a few
 * {@code key: value} lines for the operator (event id, topic, error, time). Both are synced before
 * the journal lets the entry go; after a crash in between the entry is drained again and
 * quarantined again under the same name. docs/sdk.md says how to inspect and re-publish them.
 */
public final class Quarantine {

  static final String FOLDER = "quarantine";
  private static final String EVENT_SUFFIX = ".event";

  private final Path directory;

  public Quarantine(Path journalDirectory) {
    this.directory = journalDirectory.resolve(FOLDER);
  }

  public Path directory() {
    return directory;
  }

  /** Sets the event of journal entry {@code sequence} aside, durably, with why Kafka refused it. */
  public void put(long sequence, byte[] payload, ProducerRecord<byte[], byte[]> record, Throwable cause) throws IOException {
    Files.createDirectories(directory);
    String name = String.format("%020d", sequence);
    String reason = String.join("\n",
        "event-id: " + RecordFormat.eventId(record),
        "topic: " + record.topic(),
        "key: " + (record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8)),
        "error: " + cause.getClass().getName() + ": " + cause.getMessage(),
        "quarantined-at: " + Instant.now(),
        "");
    writeSynced(directory.resolve(name + ".reason"), reason.getBytes(StandardCharsets.UTF_8));
    // Renamed into place once synced: whoever lists the folder never sees half an event.
    Path partial = directory.resolve(name + EVENT_SUFFIX + ".partial");
    writeSynced(partial, payload);
    Files.move(partial, directory.resolve(name + EVENT_SUFFIX), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel folder = FileChannel.open(directory, StandardOpenOption.READ)) {
      folder.force(true);
    }
  }

  /** Events set aside so far (and not yet re-published). */
  public long count() {
    return eventFiles().size();
  }

  /** The quarantined events' payload files, oldest first. */
  public List<Path> eventFiles() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().endsWith(EVENT_SUFFIX)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  /** Deletes a quarantined event (after it was re-published) and its reason. */
  public void remove(Path eventFile) throws IOException {
    String name = eventFile.getFileName().toString();
    Files.deleteIfExists(eventFile);
    Files.deleteIfExists(directory.resolve(name.substring(0, name.length() - EVENT_SUFFIX.length()) + ".reason"));
  }

  private static void writeSynced(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }
}
