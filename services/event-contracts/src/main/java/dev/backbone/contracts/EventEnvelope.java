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
 * {@link #readData} lends it, uncopied, to read-only work such as validation and encoding, and
 * {@link #adopting} takes over data that was made for the envelope alone instead of copying it.
 * Equal when every attribute and the data are equal, like a record (it is a class only so that
 * {@link #adopting} can skip the copy a record's constructor could not).
 */
public final class EventEnvelope {

  /** The CloudEvents spec version this envelope follows. */
  public static final String SPEC_VERSION = "1.0";

  /** The only data content type: JSON. */
  public static final String DATA_CONTENT_TYPE = "application/json";

  private final EventId id;
  private final URI source;
  private final EventType type;
  private final AggregateId subject;
  private final Sequence sequence;
  private final Instant time;
  private final ObjectNode data;

  /**
   * Checks that every attribute is present and copies the data.
   *
   * @param id unique event id
   * @param source URI reference of the emitting service
   * @param type the event type
   * @param subject aggregate id, also the Kafka record key
   * @param sequence entity version after this event
   * @param time when the change happened
   * @param data the event data; must be a JSON object that satisfies the type's schema
   */
  public EventEnvelope(EventId id, URI source, EventType type, AggregateId subject, Sequence sequence, Instant time,
      ObjectNode data) {
    this(id, source, type, subject, sequence, time, Objects.requireNonNull(data, "data").deepCopy(), true);
  }

  /** Takes {@code ownData} as it is; {@code adopted} only tells this constructor from the public one. */
  private EventEnvelope(EventId id, URI source, EventType type, AggregateId subject, Sequence sequence, Instant time,
      ObjectNode ownData, boolean adopted) {
    this.id = Objects.requireNonNull(id, "id");
    this.source = Objects.requireNonNull(source, "source");
    this.type = Objects.requireNonNull(type, "type");
    this.subject = Objects.requireNonNull(subject, "subject");
    this.sequence = Objects.requireNonNull(sequence, "sequence");
    this.time = Objects.requireNonNull(time, "time");
    this.data = Objects.requireNonNull(ownData, "data");
    if (source.toString().isEmpty()) {
      throw new IllegalArgumentException("source must be a non-empty URI reference but was ''");
    }
  }

  /**
   * Like the constructor, but takes {@code data} over instead of copying it: for data made for this
   * one event that nobody touches afterwards — what a decoder has just parsed, or what a publisher
   * validates and encodes before it returns. A deep copy per event is what it saves; the caller gives
   * the node up, since changing it afterwards would change the envelope.
   */
  public static EventEnvelope adopting(EventId id, URI source, EventType type, AggregateId subject, Sequence sequence,
      Instant time, ObjectNode data) {
    return new EventEnvelope(id, source, type, subject, sequence, time, data, true);
  }

  /** Unique event id. */
  public EventId id() {
    return id;
  }

  /** URI reference of the emitting service. */
  public URI source() {
    return source;
  }

  /** The event type. */
  public EventType type() {
    return type;
  }

  /** Aggregate id, also the Kafka record key. */
  public AggregateId subject() {
    return subject;
  }

  /** Entity version after this event. */
  public Sequence sequence() {
    return sequence;
  }

  /** When the change happened. */
  public Instant time() {
    return time;
  }

  /** A copy of the event data. */
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

  @Override
  public boolean equals(Object other) {
    return other instanceof EventEnvelope that && id.equals(that.id) && source.equals(that.source) && type == that.type
        && subject.equals(that.subject) && sequence.equals(that.sequence) && time.equals(that.time)
        && data.equals(that.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, source, type, subject, sequence, time, data);
  }

  @Override
  public String toString() {
    return "EventEnvelope[id=" + id + ", source=" + source + ", type=" + type + ", subject=" + subject + ", sequence="
        + sequence + ", time=" + time + ", data=" + data + "]";
  }
}
