package dev.backbone.topology.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import dev.backbone.contracts.codec.CeTimeFormat;
import dev.backbone.contracts.codec.JsonBytesWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON serde for the topology's own records (state and changes); times as ISO-8601 text. */
public final class JsonSerde<T> implements Serde<T> {

  /** The mapper shared by every JSON serde of the topology. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .addModule(new SimpleModule("iso-instants").addSerializer(Instant.class, new IsoInstantSerializer())
          .addDeserializer(Instant.class, new IsoInstantDeserializer()))
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();

  /**
   * Writes an {@link Instant} as the same ISO-8601 text as the Java time module, with the date and
   * time of day made once per second ({@link CeTimeFormat}): every state and change the topology
   * writes carries two times, and {@code java.time}'s formatter was ~6 % of the stream thread.
   * Registered after the Java time module, so it wins for {@code Instant}.
   */
  private static final class IsoInstantSerializer extends StdSerializer<Instant> {

    private final CeTimeFormat format = new CeTimeFormat();

    IsoInstantSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
      generator.writeString(format.format(value));
    }
  }

  /**
   * Reads an {@link Instant} written as RFC 3339 text through {@link CeTimeFormat#parse} (UTC times
   * digit by digit): every state and change read carries two times, and the Java time module's parser
   * was ~5 % of the stream thread and 27–30 % of each sink thread (JFR, 2026-12-03). Anything else — a
   * number, a year past 9999, text that is not RFC 3339 — goes to the module's own reader, so what it
   * read before it still reads, with its errors.
   */
  private static final class IsoInstantDeserializer extends StdDeserializer<Instant> {

    private final CeTimeFormat format = new CeTimeFormat();

    IsoInstantDeserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.hasToken(JsonToken.VALUE_STRING)) {
        try {
          return format.parse(parser.getText());
        } catch (DateTimeParseException e) {
          // not RFC 3339 with a four-digit year: the module decides below
        }
      }
      return InstantDeserializer.INSTANT.deserialize(parser, context);
    }
  }

  /** Writes with one reused generator per thread: every state put and every change is written. */
  private static final JsonBytesWriter WRITER = new JsonBytesWriter(MAPPER);

  private final JavaType type;

  private JsonSerde(JavaType type) {
    this.type = type;
  }

  /** A serde for {@code type}. */
  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(MAPPER.constructType(type));
  }

  /** A serde for a generic type such as {@code EntityChange<CustomerState>}. */
  public static <T> JsonSerde<T> of(JavaType type) {
    return new JsonSerde<>(type);
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      try {
        return WRITER.write(data);
      } catch (UncheckedIOException e) {
        throw new SerializationException("cannot write " + type + " to " + topic, e.getCause());
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return MAPPER.readValue(bytes, type);
      } catch (IOException e) {
        throw new SerializationException("cannot read " + type + " from " + topic, e);
      }
    };
  }
}
