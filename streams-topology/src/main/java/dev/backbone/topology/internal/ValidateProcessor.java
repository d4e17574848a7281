package dev.backbone.topology.internal;

import dev.backbone.contracts.codec.DecodeResult;
import dev.backbone.contracts.codec.EventEnvelopeCodec;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/** Decodes and validates raw records with the contracts' codec; never throws for bad input. */
public final class ValidateProcessor extends ContextualProcessor<byte[], byte[], String, Step> {

  private final EventEnvelopeCodec codec;

  /** Uses {@code codec} to decode. */
  public ValidateProcessor(EventEnvelopeCodec codec) {
    this.codec = codec;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RawRecord raw = RawRecord.of(record.key(), record.value(), context().recordMetadata());
    DecodeResult result = codec.decode(record.key(), record.headers(), record.value());
    Step step;
    String key;
    if (result instanceof DecodeResult.Valid valid) {
      key = valid.envelope().subject().value();
      step = new Step.Accepted(valid.envelope(), raw);
    } else {
      DecodeResult.Invalid invalid = (DecodeResult.Invalid) result;
      key = null;
      step = new Step.Rejected(new DeadLetter(invalid.reason().name(), invalid.detail(), raw));
    }
    context().forward(record.withKey(key).withValue(step));
  }
}
