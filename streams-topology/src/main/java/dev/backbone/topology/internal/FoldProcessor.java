package dev.backbone.topology.internal;

import dev.backbone.contracts.EventEnvelope;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.FoldRejection;
import dev.backbone.topology.Versioned;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds accepted events into entity state with the aggregate sequence as version: an event whose
 * sequence is not newer than the state goes to the DLQ ({@link FoldRejection#SEQUENCE_BEHIND}), so
 * state never moves backwards. Emits the change with the state before and after, its record's trace
 * context replaced by the event's fold span ({@link FoldSpans}).
 *
 * @param <S> the entity state
 */
public final class FoldProcessor<S extends Versioned> extends ContextualProcessor<String, Step, String, Step> {

  private final String storeName;
  private final EntityFolder<S> folder;
  private final FoldSpans spans;
  private KeyValueStore<String, S> states;

  /** Folds with {@code folder} into the key-value store {@code storeName}; spans go to {@code openTelemetry}. */
  public FoldProcessor(String storeName, EntityFolder<S> folder, OpenTelemetry openTelemetry) {
    this.storeName = storeName;
    this.folder = folder;
    this.spans = new FoldSpans(openTelemetry);
  }

  @Override
  public void init(ProcessorContext<String, Step> context) {
    super.init(context);
    states = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, Step> record) {
    if (!(record.value() instanceof Step.Accepted accepted)) {
      context().forward(record);
      return;
    }
    Span span = spans.start(record, accepted);
    EventEnvelope event = accepted.event();
    String entityKey = folder.entityKey(event);
    S current = states.get(entityKey);
    if (current != null && event.sequence().value() <= current.version()) {
      reject(record, accepted, span, FoldRejection.SEQUENCE_BEHIND,
          "sequence " + event.sequence() + " of " + event.type().ceType() + " is not newer than version "
              + current.version() + " of entity '" + printable(entityKey) + "'");
      return;
    }
    S next = folder.apply(current, event);
    if (next == null) {
      reject(record, accepted, span, FoldRejection.ENTITY_NOT_FOUND,
          event.type().ceType() + " needs entity '" + printable(entityKey) + "', which does not exist");
      return;
    }
    states.put(entityKey, next);
    EntityChange<S> change = new EntityChange<>(visible(current), visible(next), event.sequence().value(), event.time());
    Record<String, Step> out = record.withValue(new Step.Changed(change));
    spans.changed(span, out.headers());
    context().forward(out);
  }

  private S visible(S state) {
    return state == null || folder.isDeleted(state) ? null : state;
  }

  private void reject(Record<String, Step> record, Step.Accepted accepted, Span span, FoldRejection reason,
      String detail) {
    spans.rejected(span, reason.name(), detail);
    context().forward(record.withValue(new Step.Rejected(new DeadLetter(reason.name(), detail, accepted.raw()))));
  }

  private static String printable(String key) {
    return key.replace('\u0000', '/');
  }
}
