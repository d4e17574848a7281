package dev.backbone.contracts.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes values as JSON bytes with one generator per thread, reused from value to value: the SDK's
 * event data, and the Streams app's states and changes. Jackson's {@code writeValueAsBytes} builds a
 * generator, its write contexts (one per nested object and array) and a byte builder for every
 * value: a fifth of the SDK's publishing thread's garbage per event (JFR, 2026-12-03). The bytes are
 * the same; {@code JsonBytesWriterTest} compares them.
 *
 * <p>Thread-safe: each thread has its own generator and buffer; a buffer grown past {@link #KEPT_BYTES}
 * by a large event is dropped after it, so a thread keeps at most that much.
 */
public final class JsonBytesWriter {

  /** The largest buffer a thread keeps between events; events are a few hundred bytes. */
  static final int KEPT_BYTES = 64 * 1024;
  private static final int INITIAL_BYTES = 1024;

  private final ObjectMapper mapper;
  private final ThreadLocal<Reusable> reusable;

  /** Writes with {@code mapper}'s configuration, modules and serializers. */
  public JsonBytesWriter(ObjectMapper mapper) {
    this.mapper = mapper;
    this.reusable = ThreadLocal.withInitial(this::newReusable);
  }

  /**
   * The JSON text of {@code value}, as {@code mapper.writeValueAsBytes(value)} writes it.
   *
   * @throws UncheckedIOException when Jackson cannot write it (for a JSON tree, never)
   */
  public byte[] write(Object value) {
    Reusable writer = reusable.get();
    boolean keep = false;
    try {
      writer.out.reset();
      mapper.writeValue(writer.generator, value);
      writer.generator.flush();
      byte[] bytes = writer.out.toByteArray();
      keep = bytes.length <= KEPT_BYTES;
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    } finally {
      if (!keep) {
        // too large to keep, or a generator a failure left in an unknown state
        reusable.remove();
      }
    }
  }

  private Reusable newReusable() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BYTES);
    try {
      JsonGenerator generator = mapper.createGenerator(out);
      // one root value after another into the same generator: no separator between them
      generator.setRootValueSeparator(null);
      return new Reusable(out, generator);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a JSON generator", e);
    }
  }

  private record Reusable(ByteArrayOutputStream out, JsonGenerator generator) {
  }
}
