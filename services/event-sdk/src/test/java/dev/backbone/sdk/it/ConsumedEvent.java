package dev.backbone.sdk.it;

/** One event read back from Kafka. */
record ConsumedEvent(String key, String eventId, long sequence, int partition, long offset) {
}
