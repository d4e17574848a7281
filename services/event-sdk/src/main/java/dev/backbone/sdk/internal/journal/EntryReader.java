package dev.backbone.sdk.internal.journal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Reads and verifies one entry at a file position. */
final class EntryReader {

  /** Outcome of reading at a position. */
  sealed interface Result {
  }

  /** A verified entry. */
  record Entry(long sequence, byte[] payload, long endPosition, int sizeOnDisk) implements Result {
  }

  /** Clean end of data. */
  record End() implements Result {
  }

  /** Damaged bytes start here. */
  record Damage(String reason) implements Result {
  }

  private EntryReader() {
  }

  static Result read(FileChannel channel, long position, long limit) throws IOException {
    if (position == limit) {
      return new End();
    }
    if (limit - position < EntryFormat.ENTRY_HEADER_BYTES) {
      return new Damage("torn entry header (" + (limit - position) + " of " + EntryFormat.ENTRY_HEADER_BYTES + " bytes)");
    }
    ByteBuffer header = ByteBuffer.allocate(EntryFormat.ENTRY_HEADER_BYTES);
    readFully(channel, header, position);
    header.flip();
    int length = header.getInt();
    int crc = header.getInt();
    long sequence = header.getLong();
    if (length < 0 || length > EntryFormat.MAX_PAYLOAD_BYTES) {
      return new Damage("invalid payload length " + length);
    }
    long end = position + EntryFormat.ENTRY_HEADER_BYTES + length;
    if (end > limit) {
      return new Damage("torn payload (" + (limit - position - EntryFormat.ENTRY_HEADER_BYTES) + " of " + length + " bytes)");
    }
    ByteBuffer payload = ByteBuffer.allocate(length);
    readFully(channel, payload, position + EntryFormat.ENTRY_HEADER_BYTES);
    byte[] bytes = payload.array();
    if (EntryFormat.checksum(sequence, bytes) != crc) {
      return new Damage("checksum mismatch for sequence " + sequence);
    }
    return new Entry(sequence, bytes, end, EntryFormat.ENTRY_HEADER_BYTES + length);
  }

  static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw new EOFException("unexpected end of file at " + at);
      }
      at += read;
    }
  }
}
