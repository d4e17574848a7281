package dev.backbone.sdk.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Serializes a producer record into a journal payload and back: {@code version(1) | topic | key |
 * headers | value}, strings as modified UTF-8 with a 2-byte length, byte arrays with a 4-byte
 * length ({@code -1} for null). Headers include the trace context, so a re-published event keeps
 * the trace of its original publish.
 */
public final class RecordFormat {

  private static final int VERSION = 1;

  private RecordFormat() {
  }

  /** Encodes the record (its partition and timestamp are not kept). */
  public static byte[] encode(ProducerRecord<byte[], byte[]> record) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + (record.value() == null ? 0 : record.value().length));
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(record.topic());
      writeBytes(out, record.key());
      Header[] headers = record.headers().toArray();
      out.writeInt(headers.length);
      for (Header header : headers) {
        out.writeUTF(header.key());
        writeBytes(out, header.value());
      }
      writeBytes(out, record.value());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes a payload written by {@link #encode}.
   *
   * @throws IOException when the payload is not in this format
   */
  public static ProducerRecord<byte[], byte[]> decode(byte[] payload) throws IOException {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IOException("unknown journal record version " + version);
      }
      String topic = in.readUTF();
      byte[] key = readBytes(in);
      int count = in.readInt();
      RecordHeaders headers = new RecordHeaders();
      for (int i = 0; i < count; i++) {
        headers.add(in.readUTF(), readBytes(in));
      }
      byte[] value = readBytes(in);
      return new ProducerRecord<>(topic, null, null, key, value, headers);
    }
  }

  /** The {@code ce_id} header of a record, or {@code "?"}. */
  public static String eventId(ProducerRecord<byte[], byte[]> record) {
    Header header = record.headers().lastHeader("ce_id");
    return header == null ? "?" : new String(header.value(), UTF_8);
  }

  private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(value.length);
      out.write(value);
    }
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] value = new byte[length];
    in.readFully(value);
    return value;
  }
}
