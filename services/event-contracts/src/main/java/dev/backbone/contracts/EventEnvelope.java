package dev.backbone.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * One domain event as a CloudEvents 1.0 envelope with JSON data.
 *
 * <table>
 *   <caption>CloudEvents attributes</caption>
 *   <tr><th>attribute</th><th>component</th></tr>
 *   <tr><td>{@code id}</td><td>{@link #id()}: unique, time-ordered</td></tr>
 *   <tr><td>{@code source}</td><td>{@link #source()}: the emitting service, e.g. {@code /services/orders}</td></tr>
 *   <tr><td>{@code type}</td><td>{@link #type()}: versioned, e.g. {@code com.acme.order.placed.v1}</td></tr>
 *   <tr><td>{@code subject}</td><td>{@link #subject()}: the aggregate id = the Kafka key</td></tr>
 *   <tr><td>{@code time}</td><td>{@link #time()}: when the change happened</td></tr>
 *   <tr><td>{@code sequence} (extension)</td><td>{@link #sequence()}: entity version after the change</td></tr>
 * </table>
 *
 * <p>{@code specversion} is always {@code 1.0} and {@code datacontenttype} always
 * {@code application/json}. The data is copied on the way in and out, so an envelope is immutable;
 * {@link #readData} lends it, uncopied, to read-only work such as validation and encoding.
 *
 * @param id unique event id
 * @param source URI reference of the emitting service
 * @param type the event type
 * @param subject aggregate id, also the Kafka record key
 * @param sequence entity version after this event
 * @param time when the change happened
 * @param data the event data; must be a JSON object that satisfies the type's schema
 */
public record EventEnvelope(
    EventId id,
    URI source,
    EventType type,
    AggregateId subject,
    Sequence sequence,
    Instant time,
    ObjectNode data) {

  /** The CloudEvents spec version this envelope follows. */
  public static final String SPEC_VERSION = "1.0";

  /** The only data content type: JSON. */
  public static final String DATA_CONTENT_TYPE = "application/json";

  /** Checks that every attribute is present and copies the data. */
  public EventEnvelope {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(sequence, "sequence");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(data, "data");
    if (source.toString().isEmpty()) {
      throw new IllegalArgumentException("source must be a non-empty URI reference but was ''");
    }
    data = data.deepCopy();
  }

  /** A copy of the event data. */
  @Override
  public ObjectNode data() {
    return data.deepCopy();
  }

  /**
   * Lends the event data itself, not a copy, to {@code reader} and returns what it returns: for
   * read-only work on every event, such as schema validation and serialization, where the copy
   * {@link #data()} makes would cost as much as the work. The reader must not modify the node nor
   * keep a reference to it (or to any node inside it) after it returns; to change data, take
   * {@link #data()}.
   *
   * @param reader reads the data
   * @param <T> the reader's result
   * @return the reader's result
   */
  public <T> T readData(Function<? super JsonNode, ? extends T> reader) {
    return reader.apply(data);
  }

  /** The topic this event is published to. */
  public DomainTopic topic() {
    return type.topic();
  }
}
