/**
 * Tracing of the Streams app with the OpenTelemetry API: the trace a publisher starts (its
 * {@code traceparent} header) continues through the fold ({@code fold <type>}) into each sink
 * ({@code shard-sink <kind>}, {@code index-sink <kind>}). {@link dev.backbone.topology.tracing.TraceHeaders}
 * reads and writes the context in Kafka headers; the {@code OpenTelemetry} instance is always passed
 * in, never taken from {@code GlobalOpenTelemetry}. Spans, parents and attributes:
 * {@code docs/streams-topology.md}, "Tracing".
 */
package dev.backbone.topology.tracing;
