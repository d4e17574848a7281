package dev.backbone.topology;

import dev.backbone.contracts.DomainTopic;
import dev.backbone.contracts.codec.EventEnvelopeCodec;
import dev.backbone.contracts.schema.EventValidator;
import dev.backbone.topology.internal.CustomerFolder;
import dev.backbone.topology.internal.DeadLetterProcessor;
import dev.backbone.topology.internal.DeduplicateProcessor;
import dev.backbone.topology.internal.EntityFolder;
import dev.backbone.topology.internal.FoldProcessor;
import dev.backbone.topology.internal.JsonSerde;
import dev.backbone.topology.internal.OrderFolder;
import dev.backbone.topology.internal.PaymentFolder;
import dev.backbone.topology.internal.Step;
import dev.backbone.topology.internal.ValidateProcessor;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The backbone topology, as a pure function of a {@link StreamsBuilder}. Per domain topic:
 *
 * <pre>
 * source ─▶ validate ─▶ de-duplicate (window store, TTL) ─▶ fold (versioned KV store) ─▶ changes topic
 *              └──────────────── rejected at any stage ─────────────────────▶ DLQ (reason headers)
 * </pre>
 *
 * <p>Each domain topic is its own sub-topology with its own stores, so no co-partitioning is needed
 * and no record is repartitioned: every event stays keyed by its customer id. The de-duplication
 * and fold stores and the output topics are all Kafka-internal; run with {@code exactly_once_v2}
 * so that a store update and its output record commit together (see {@code docs/streams-topology.md}).
 *
 * <p>Every accepted event gets a {@code fold <type>} span, a child of its {@code traceparent}; a change
 * record carries its fold span's context on to the sinks ({@code docs/streams-topology.md}, "Tracing").
 */
public final class BackboneTopology {

  private static final Serde<byte[]> BYTES = Serdes.ByteArray();

  private BackboneTopology() {
  }

  /**
   * Adds the topology to {@code builder}, without tracing: every record keeps the trace context it came
   * with.
   *
   * @param builder the builder to add sources, stores, processors and sinks to
   * @param config validated settings
   */
  public static void build(StreamsBuilder builder, TopologyConfig config) {
    build(builder, config, OpenTelemetry.noop());
  }

  /**
   * Adds the topology to {@code builder}, with fold spans sent to {@code openTelemetry}.
   *
   * @param builder the builder to add sources, stores, processors and sinks to
   * @param config validated settings
   * @param openTelemetry the tracer provider and propagators; {@link OpenTelemetry#noop()} for none
   */
  public static void build(StreamsBuilder builder, TopologyConfig config, OpenTelemetry openTelemetry) {
    Objects.requireNonNull(builder, "builder");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    EventEnvelopeCodec codec = new EventEnvelopeCodec(new EventValidator(), config.maxRecordBytes());
    entityPipeline(builder, config, openTelemetry, codec, DomainTopic.CUSTOMERS, "customer", new CustomerFolder(),
        ChangeSerdes.customerStates(), OutputTopic.CUSTOMER_CHANGES);
    entityPipeline(builder, config, openTelemetry, codec, DomainTopic.ORDERS, "order", new OrderFolder(),
        ChangeSerdes.orderStates(), OutputTopic.ORDER_CHANGES);
    entityPipeline(builder, config, openTelemetry, codec, DomainTopic.PAYMENTS, "payment", new PaymentFolder(),
        ChangeSerdes.paymentStates(), OutputTopic.PAYMENT_CHANGES);
  }

  /** Name of the de-duplication window store of an entity kind, e.g. {@code customer-dedup}. */
  public static String dedupStoreName(String entity) {
    return entity + "-dedup";
  }

  /** Name of the entity state store of an entity kind, e.g. {@code customer-state}. */
  public static String stateStoreName(String entity) {
    return entity + "-state";
  }

  /**
   * Name of the changelog topic Kafka Streams keeps for the entity state store of an entity kind:
   * {@code <application.id>-<store name>-changelog}, e.g. {@code backbone-topology-customer-state-changelog}.
   * Compacted (Kafka Streams creates key-value stores' changelogs with {@code cleanup.policy=compact}):
   * the latest state of every entity, never expiring. Values in {@link ChangeSerdes#customerStates()},
   * {@link ChangeSerdes#orderStates()} and {@link ChangeSerdes#paymentStates()}; written in the task's transactions ({@code exactly_once_v2}).
   */
  public static String stateChangelogTopic(String applicationId, String entity) {
    return applicationId + "-" + stateStoreName(entity) + "-changelog";
  }

  private static <S extends Versioned> void entityPipeline(StreamsBuilder builder, TopologyConfig config,
      OpenTelemetry openTelemetry, EventEnvelopeCodec codec, DomainTopic input, String entity, EntityFolder<S> folder,
      Serde<S> stateSerde, OutputTopic changes) {
    String dedupStore = dedupStoreName(entity);
    String stateStore = stateStoreName(entity);
    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(dedupStore, config.dedupTtl(), config.dedupTtl(), false),
        Serdes.String(), Serdes.Long()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(stateStore), Serdes.String(), stateSerde));

    KStream<String, Step> folded = builder
        .stream(input.topicName(), Consumed.with(BYTES, BYTES).withName(entity + "-source"))
        .process(() -> new ValidateProcessor(codec, input), Named.as(entity + "-validate"))
        .process(() -> new DeduplicateProcessor(dedupStore, config.dedupTtl(), openTelemetry),
            Named.as(entity + "-dedup"), dedupStore)
        .process(() -> new FoldProcessor<>(stateStore, folder, openTelemetry), Named.as(entity + "-fold"),
            stateStore);

    Serde<Object> changeSerde = JsonSerde.of(JsonSerde.MAPPER.constructType(Object.class));
    folded.split(Named.as(entity + "-"))
        .branch((key, step) -> step instanceof Step.Rejected, Branched.withConsumer(rejected -> rejected
            .process(DeadLetterProcessor::new, Named.as(entity + "-dead-letter"))
            .to(OutputTopic.DLQ.topicName(), Produced.with(BYTES, BYTES).withName(entity + "-dlq-sink"))))
        .branch((key, step) -> step instanceof Step.Changed, Branched.withConsumer(changed -> changed
            .mapValues(step -> (Object) ((Step.Changed) step).change(), Named.as(entity + "-change"))
            .to(changes.topicName(), Produced.with(Serdes.String(), changeSerde).withName(entity + "-changes-sink"))));
  }
}
