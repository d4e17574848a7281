package dev.backbone.topology.internal;

import dev.backbone.contracts.DomainTopic;
import dev.backbone.contracts.EventEnvelope;
import dev.backbone.contracts.codec.DecodeResult;
import dev.backbone.contracts.codec.EventEnvelopeCodec;
import dev.backbone.topology.InputRejection;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Decodes and validates raw records with the contracts' codec and rejects events whose type belongs
 * to another topic; never throws for bad input.
 */
public final class ValidateProcessor extends ContextualProcessor<byte[], byte[], String, Step> {

  private final EventEnvelopeCodec codec;
  private final DomainTopic topic;

  /** Uses {@code codec} to decode records read from {@code topic}. */
  public ValidateProcessor(EventEnvelopeCodec codec, DomainTopic topic) {
    this.codec = codec;
    this.topic = topic;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RawRecord raw = RawRecord.of(record.key(), record.value(), context().recordMetadata());
    DecodeResult result = codec.decode(record.key(), record.headers(), record.value());
    Step step;
    String key;
    if (result instanceof DecodeResult.Valid valid && valid.envelope().type().topic() != topic) {
      // Checked before the fold, whose folders know only their own topic's types: found by fuzzing, an
      // order event on the customers topic failed the fold and with it the whole application.
      key = null;
      step = new Step.Rejected(new DeadLetter(InputRejection.WRONG_TOPIC.name(), wrongTopic(valid.envelope()), raw));
    } else if (result instanceof DecodeResult.Valid valid) {
      key = valid.envelope().subject().value();
      step = new Step.Accepted(valid.envelope(), raw);
    } else {
      DecodeResult.Invalid invalid = (DecodeResult.Invalid) result;
      key = null;
      step = new Step.Rejected(new DeadLetter(invalid.reason().name(), invalid.detail(), raw));
    }
    context().forward(record.withKey(key).withValue(step));
  }

  private String wrongTopic(EventEnvelope event) {
    return "type '" + event.type().ceType() + "' belongs to topic " + event.type().topic().topicName() + ", not "
        + topic.topicName();
  }
}
