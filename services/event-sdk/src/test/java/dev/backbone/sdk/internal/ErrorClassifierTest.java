package dev.backbone.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.sdk.internal.ErrorClassifier.Kind;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

  @Test
  void shouldTreatUnavailableClusterErrorsAsRetriable() {
    assertThat(ErrorClassifier.classify(new TimeoutException("Expiring 3 record(s)"))).isEqualTo(Kind.RETRIABLE);
    assertThat(ErrorClassifier.classify(new NetworkException("down"))).isEqualTo(Kind.RETRIABLE);
    assertThat(ErrorClassifier.classify(new NotEnoughReplicasException("isr"))).isEqualTo(Kind.RETRIABLE);
    assertThat(ErrorClassifier.classify(new NotLeaderOrFollowerException("moved"))).isEqualTo(Kind.RETRIABLE);
    assertThat(ErrorClassifier.classify(new UnknownTopicOrPartitionException("t"))).isEqualTo(Kind.RETRIABLE);
  }

  @Test
  void shouldRejectEventsThatCanNeverBeWritten() {
    assertThat(ErrorClassifier.classify(new RecordTooLargeException("big"))).isEqualTo(Kind.REJECTED);
    assertThat(ErrorClassifier.classify(new TopicAuthorizationException("no"))).isEqualTo(Kind.REJECTED);
    assertThat(ErrorClassifier.classify(new SerializationException("bad"))).isEqualTo(Kind.REJECTED);
    assertThat(ErrorClassifier.isRetriable(new RecordTooLargeException("big"))).isFalse();
  }

  @Test
  void shouldSetAsideOnlyEventsRejectedForWhatTheyAreNotForWhereTheyGo() {
    assertThat(ErrorClassifier.rejectsOnlyThisEvent(new RecordTooLargeException("big"))).isTrue();
    assertThat(ErrorClassifier.rejectsOnlyThisEvent(new CompletionException(new InvalidRecordException("bad")))).isTrue();
    assertThat(ErrorClassifier.rejectsOnlyThisEvent(new SerializationException("bad"))).isTrue();
    assertThat(ErrorClassifier.rejectsOnlyThisEvent(new TopicAuthorizationException("no"))).isFalse();
    assertThat(ErrorClassifier.rejectsOnlyThisEvent(new TimeoutException("slow"))).isFalse();
  }

  @Test
  void shouldTreatBrokenProducerStateAsFatal() {
    assertThat(ErrorClassifier.classify(new ProducerFencedException("fenced"))).isEqualTo(Kind.FATAL);
    assertThat(ErrorClassifier.classify(new OutOfOrderSequenceException("seq"))).isEqualTo(Kind.FATAL);
    assertThat(ErrorClassifier.classify(new KafkaException("producer closed forcefully"))).isEqualTo(Kind.FATAL);
  }

  @Test
  void shouldUnwrapCompletionWrappersAndBufferUnknownErrors() {
    assertThat(ErrorClassifier.classify(new CompletionException(new RecordTooLargeException("big")))).isEqualTo(Kind.REJECTED);
    assertThat(ErrorClassifier.classify(new IllegalStateException("closed"))).isEqualTo(Kind.RETRIABLE);
  }
}
