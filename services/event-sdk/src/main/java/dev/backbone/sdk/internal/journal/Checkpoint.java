package dev.backbone.sdk.internal.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The highest journal sequence Kafka has acknowledged, in a 12-byte file ({@code int64 sequence |
 * int32 crc32c}) replaced atomically (write temp, fsync, rename, fsync directory).
 */
final class Checkpoint {

  static final String FILE = "checkpoint";
  private static final String TEMP = "checkpoint.tmp";

  private Checkpoint() {
  }

  /** Reads the checkpoint; a missing file is 0, a damaged one is reported and read as 0. */
  static long read(Path directory, java.util.function.Consumer<String> onDamage) throws IOException {
    Path file = directory.resolve(FILE);
    if (!Files.exists(file)) {
      return 0;
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length != 12) {
      onDamage.accept("checkpoint has " + bytes.length + " bytes, expected 12");
      return 0;
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long sequence = buffer.getLong();
    int crc = buffer.getInt();
    if (crc != checksum(sequence)) {
      onDamage.accept("checkpoint checksum mismatch");
      return 0;
    }
    return sequence;
  }

  static void write(Path directory, long sequence) throws IOException {
    Path temp = directory.resolve(TEMP);
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.allocate(12).putLong(sequence).putInt(checksum(sequence)).flip();
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(temp, directory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(directory);
  }

  /** Makes creations, renames and deletions in {@code directory} durable (Linux; a no-op where unsupported). */
  static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms cannot open or sync a directory; the file contents are synced regardless.
    }
  }

  private static int checksum(long sequence) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(Long.BYTES).putLong(sequence).flip());
    return (int) crc.getValue();
  }
}
