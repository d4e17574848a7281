package dev.backbone.topology.app;

import dev.backbone.topology.index.IndexSinkLoop;
import dev.backbone.topology.shard.ShardSinkLoop;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A snapshot of the application's health.
 *
 * @param streamsState the {@code KafkaStreams.State} name
 * @param shardSinkAlive the shard sink loop runs
 * @param shardSink the shard sink's pending changes and lag
 * @param circuits circuit breaker state per shard index
 * @param indexSinkAlive the index sink loop runs
 * @param indexSink the index sink's pending changes, lag and stall
 */
record Health(String streamsState, boolean shardSinkAlive, ShardSinkLoop.Status shardSink, Map<Integer, String> circuits,
    boolean indexSinkAlive, IndexSinkLoop.Status indexSink) {

  /** Nothing failed for good: Streams is not in ERROR / shut down and both loops run. */
  boolean live() {
    return !streamsState.equals("ERROR") && !streamsState.equals("NOT_RUNNING") && !streamsState.equals("PENDING_ERROR")
        && shardSinkAlive && indexSinkAlive;
  }

  /** Live and Streams is processing. */
  boolean ready() {
    return live() && streamsState.equals("RUNNING");
  }

  String toJson() {
    String circuitJson = circuits.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
        .collect(Collectors.joining(",", "{", "}"));
    return "{\"status\":\"" + (ready() ? "READY" : live() ? "UP" : "DOWN") + "\",\"streams\":\"" + streamsState
        + "\",\"shardSink\":{\"alive\":" + shardSinkAlive + ",\"pending\":" + shardSink.pending() + ",\"lag\":"
        + shardSink.lag() + ",\"circuits\":" + circuitJson + "},\"indexSink\":{\"alive\":" + indexSinkAlive
        + ",\"pending\":" + indexSink.pending() + ",\"lag\":" + indexSink.lag() + ",\"stalled\":" + indexSink.stalled()
        + ",\"failures\":" + indexSink.failures() + "}}";
  }
}
