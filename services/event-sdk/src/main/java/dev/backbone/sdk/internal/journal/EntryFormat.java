package dev.backbone.sdk.internal.journal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk layout. A segment starts with an 8-byte header (magic {@code BBJ1}, version 1);
 * each entry is {@code int32 payloadLength | int32 crc32c | int64 sequence | payload}, with the
 * CRC over the sequence and the payload. Big-endian.
 */
final class EntryFormat {

  static final int MAGIC = 0x42424A31;
  static final int VERSION = 1;
  static final int SEGMENT_HEADER_BYTES = 8;
  static final int ENTRY_HEADER_BYTES = 16;
  /** Upper bound on one payload; anything larger in a length field is damage, not data. */
  static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

  private EntryFormat() {
  }

  static ByteBuffer segmentHeader() {
    return ByteBuffer.allocate(SEGMENT_HEADER_BYTES).putInt(MAGIC).putInt(VERSION).flip();
  }

  static ByteBuffer encode(long sequence, byte[] payload) {
    ByteBuffer buffer = ByteBuffer.allocate(ENTRY_HEADER_BYTES + payload.length);
    buffer.putInt(payload.length).putInt(checksum(sequence, payload)).putLong(sequence).put(payload);
    return buffer.flip();
  }

  static int checksum(long sequence, byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(Long.BYTES).putLong(sequence).flip());
    crc.update(payload);
    return (int) crc.getValue();
  }
}
