package dev.backbone.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backbone.contracts.AggregateId;
import dev.backbone.contracts.EventEnvelope;
import dev.backbone.contracts.EventIdGenerator;
import dev.backbone.contracts.EventType;
import dev.backbone.contracts.Sequence;
import dev.backbone.contracts.codec.EncodedEvent;
import dev.backbone.contracts.codec.EventEnvelopeCodec;
import dev.backbone.contracts.schema.EventValidator;
import dev.backbone.contracts.schema.SchemaViolation;
import dev.backbone.sdk.internal.Dispatcher;
import dev.backbone.sdk.internal.Drainer;
import dev.backbone.sdk.internal.ErrorClassifier;
import dev.backbone.sdk.internal.Pending;
import dev.backbone.sdk.internal.ProducerSettings;
import dev.backbone.sdk.internal.PublisherTelemetry;
import dev.backbone.sdk.internal.Quarantine;
import dev.backbone.sdk.internal.journal.Journal;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes domain events to Kafka without losing any acknowledged event, even while Kafka is
 * unreachable. The one entry point of the SDK:
 *
 * <pre>{@code
 * try (EventPublisher publisher = EventPublisher.builder(config).build()) {
 *   publisher.publish(EventType.ORDER_PLACED, AggregateId.of(customerId), Sequence.of(1), data)
 *       .thenAccept(receipt -> ...);
 * }
 * }</pre>
 *
 * <p><b>Acknowledgement.</b> The returned stage completes with a {@link PublishReceipt} when the
 * event is safe: {@link PublishReceipt.Kafka} once Kafka acknowledged it with {@code acks=all}, or
 * {@link PublishReceipt.Buffered} once it is synced to the local journal, from which it is
 * re-published, in order, when Kafka is back (also after a crash and restart). It completes
 * exceptionally, and the event is <em>not</em> acknowledged, with:
 * <ul>
 *   <li>{@link EventRejectedException}: invalid data (with field, rule and value), too large,
 *       not authorized: at once, never retried;
 *   <li>{@link BufferFullException}: Kafka cannot take it and the journal is at its bound;
 *   <li>{@link JournalUnavailableException}, {@link PublisherClosedException}.
 * </ul>
 *
 * <p><b>Order.</b> Events of one key are delivered in publish order (from one thread): while any
 * event is buffered, new events go behind it. Kafka may hold duplicates after failures (a
 * re-published event whose first ack was lost); consumers de-duplicate by event id.
 *
 * <p>Thread-safe. {@link #close()} waits for in-flight sends and keeps buffered events on disk.
 * Completion callbacks run on SDK threads and must not block.
 */
public final class EventPublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

  private final PublisherConfig config;
  private final Clock clock;
  private final EventIdGenerator ids;
  private final EventValidator validator;
  private final EventEnvelopeCodec codec;
  private final Journal journal;
  private final CircuitBreaker breaker;
  private final PublisherTelemetry telemetry;
  private final Dispatcher dispatcher;
  private final Drainer drainer;
  private final Quarantine quarantine;

  private EventPublisher(Builder builder) throws IOException {
    this.config = builder.config;
    this.clock = builder.clock;
    this.ids = new EventIdGenerator(clock);
    this.validator = new EventValidator();
    this.codec = new EventEnvelopeCodec(validator);
    this.breaker = CircuitBreaker.of(config.clientId() + "-producer", CircuitBreakerConfig.custom()
        .failureRateThreshold(config.circuitBreaker().failureRateThreshold())
        .slidingWindowSize(config.circuitBreaker().slidingWindowSize())
        .minimumNumberOfCalls(config.circuitBreaker().minimumCalls())
        .waitDurationInOpenState(config.circuitBreaker().waitInOpenState())
        .permittedNumberOfCallsInHalfOpenState(1)
        .recordException(ErrorClassifier::isRetriable)
        .clock(clock)
        .build());
    Drainer[] drainerRef = new Drainer[1];
    this.journal = Journal.open(config.journal(), () -> {
      if (drainerRef[0] != null) {
        drainerRef[0].wake();
      }
    });
    this.telemetry = new PublisherTelemetry(builder.openTelemetry, journal::depth, journal::bytes, breaker::getState);
    telemetry.corruptions(journal.recovery().corruptions().size());
    Map<String, Object> settings = ProducerSettings.of(config);
    this.dispatcher = new Dispatcher(config, journal, breaker, telemetry, () -> builder.producerFactory.apply(settings), clock);
    this.quarantine = new Quarantine(config.journal().directory());
    this.drainer = new Drainer(config, journal, dispatcher, breaker, telemetry, quarantine);
    drainerRef[0] = drainer;
    if (journal.recovery().pendingEntries() > 0) {
      LOG.info("[publisher {}] {} buffered events from a previous run will be re-published first",
          config.clientId(), journal.recovery().pendingEntries());
    }
    long quarantined = quarantine.count();
    if (quarantined > 0) {
      LOG.warn("[publisher {}] {} events Kafka rejected wait in {}; fix the cause, then call requeueQuarantined() (docs/sdk.md)",
          config.clientId(), quarantined, quarantine.directory());
    }
  }

  /** A builder for a publisher with {@code config}. */
  public static Builder builder(PublisherConfig config) {
    return new Builder(config);
  }

  /**
   * Creates an envelope with a new time-ordered id, the current time and this service's source.
   */
  public EventEnvelope newEvent(EventType type, AggregateId subject, Sequence sequence, ObjectNode data) {
    return envelope(type, subject, sequence, Objects.requireNonNull(data, "data").deepCopy());
  }

  /**
   * Publishes a new event, its id, time and source made as {@link #newEvent} makes them. Like
   * {@code publish(newEvent(type, subject, sequence, data))}, but without the copy of the data an
   * envelope takes: the data is validated and encoded before this returns, so the caller may change
   * or reuse the node as soon as it has returned.
   */
  public CompletionStage<PublishReceipt> publish(EventType type, AggregateId subject, Sequence sequence, ObjectNode data) {
    return publish(envelope(type, subject, sequence, data));
  }

  /** An envelope of this publisher's: a new id, the current time, this service's source; it adopts {@code ownData}. */
  private EventEnvelope envelope(EventType type, AggregateId subject, Sequence sequence, ObjectNode ownData) {
    return EventEnvelope.adopting(ids.next(), config.source(), type, subject, sequence, clock.instant(), ownData);
  }

  /**
   * Validates and publishes one event.
   *
   * @return completes with the receipt once the event is acknowledged (see the class
   *     documentation), or exceptionally with a {@link PublishException}
   */
  public CompletionStage<PublishReceipt> publish(EventEnvelope event) {
    Objects.requireNonNull(event, "event");
    long start = System.nanoTime();
    List<SchemaViolation> violations = validator.validate(event);
    if (!violations.isEmpty()) {
      return CompletableFuture.failedFuture(new EventRejectedException(EventRejectedException.Reason.SCHEMA_VIOLATION,
          "event " + event.id() + " (" + event.type().ceType() + ") violates its schema: " + violations, violations, null));
    }
    EncodedEvent encoded = codec.encode(event);
    if (encoded.sizeInBytes() > config.maxRequestSizeBytes()) {
      return CompletableFuture.failedFuture(new EventRejectedException(EventRejectedException.Reason.TOO_LARGE,
          "event " + event.id() + " is " + encoded.sizeInBytes() + " bytes; backbone.sdk.producer.max-request-size is "
              + config.maxRequestSizeBytes(), List.of(), null));
    }
    String topic = config.topicName(event.topic());
    RecordHeaders headers = new RecordHeaders();
    encoded.headers().forEach(headers::add);
    Span span = telemetry.startPublish(topic, event.id().toString(), event.type().ceType(), headers);
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, null, encoded.key(), encoded.value(), headers);
    Pending pending = new Pending(record, event.id(), span, start);
    dispatcher.dispatch(pending);
    return pending.result();
  }

  /**
   * Publishes and waits for the acknowledgement.
   *
   * @throws PublishException when the event is not acknowledged (see {@link #publish(EventEnvelope)})
   * @throws TimeoutException when no outcome arrived in time; the event may still be acknowledged later
   * @throws InterruptedException when interrupted while waiting
   */
  public PublishReceipt publishAndWait(EventEnvelope event, Duration timeout) throws TimeoutException, InterruptedException {
    try {
      return publish(event).toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof PublishException publishException) {
        throw publishException;
      }
      throw new IllegalStateException("unexpected publish failure of event " + event.id(), e.getCause());
    }
  }

  /** Events in the local journal that Kafka has not acknowledged yet. */
  public long bufferedEvents() {
    return journal.depth();
  }

  /** Bytes of {@link #bufferedEvents()}. */
  public long bufferedBytes() {
    return journal.bytes();
  }

  /**
   * Buffered events Kafka rejected for what they are (e.g. larger than the topic allows), set
   * aside in {@code <journal>/quarantine/} so the events behind them could drain.
   */
  public long quarantinedEvents() {
    return quarantine.count();
  }

  /**
   * Puts every quarantined event back into the journal, behind what is buffered, once the cause is
   * fixed (e.g. the topic's {@code max.message.bytes} raised); the drainer then re-publishes them.
   * An event Kafka still rejects is set aside again.
   *
   * @return how many events were put back
   * @throws BufferFullException when the journal has no room for the next one (the rest stay quarantined)
   */
  public int requeueQuarantined() throws IOException, InterruptedException {
    int requeued = 0;
    for (Path event : quarantine.eventFiles()) {
      try {
        journal.append(Files.readAllBytes(event)).get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IOException("cannot journal quarantined event " + event, e.getCause());
      }
      quarantine.remove(event);
      requeued++;
    }
    return requeued;
  }

  /** What the journal recovery found at start-up (pending events, damaged regions cut off). */
  public JournalRecovery recovery() {
    return journal.recovery();
  }

  /** The producer circuit breaker's state: CLOSED, OPEN, HALF_OPEN. */
  public String circuitState() {
    return breaker.getState().name();
  }

  /**
   * Stops accepting events, waits up to {@code backbone.sdk.close-timeout} for in-flight sends,
   * journals whatever did not reach Kafka, syncs and closes. Buffered events stay on disk and are
   * re-published by the next publisher on the same journal directory.
   */
  @Override
  public void close() {
    drainer.close();
    dispatcher.close(config.closeTimeout());
    journal.close();
    telemetry.close();
  }

  /** Builds an {@link EventPublisher}. */
  public static final class Builder {
    private final PublisherConfig config;
    private Clock clock = Clock.systemUTC();
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();
    private Function<Map<String, Object>, Producer<byte[], byte[]>> producerFactory = KafkaProducer::new;

    private Builder(PublisherConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** The time source for event ids, event times and the circuit breaker (default: system UTC). */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Where spans and metrics go (default: no-op). */
    public Builder openTelemetry(OpenTelemetry value) {
      openTelemetry = Objects.requireNonNull(value, "openTelemetry");
      return this;
    }

    /** Replaces the Kafka producer, for tests with Kafka's {@code MockProducer}. */
    Builder producerFactory(Function<Map<String, Object>, Producer<byte[], byte[]>> value) {
      producerFactory = Objects.requireNonNull(value, "producerFactory");
      return this;
    }

    /**
     * Opens (and recovers) the journal, creates the producer and starts the drainer.
     *
     * @throws UncheckedIOException when the journal directory cannot be opened
     */
    public EventPublisher build() {
      try {
        return new EventPublisher(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open journal " + config.journal().directory(), e);
      }
    }
  }
}
