package dev.backbone.chaos.timeline;

import java.util.Locale;

/**
 * One second of a drill, as {@code timeline.csv} holds it. Rates are per second over the interval
 * before the row; lags and the journal are the values at the sample.
 *
 * @param second seconds since the drill started
 * @param phase the drill's phase then (steady, fault, heal, converge)
 * @param publishedPerSecond events handed to the SDK
 * @param acknowledgedPerSecond events acknowledged (Kafka or journal) and ledgered
 * @param failedPerSecond publishes that failed
 * @param journaled events waiting in the SDK journals for Kafka
 * @param streamsLag records of the domain topics the Streams topology has not committed (-1 unknown)
 * @param shardSinkLag change records the shard sink has not committed (-1 unknown)
 * @param indexSinkLag change records the index sink has not committed (-1 unknown)
 * @param probeOk probe answers per second that agreed with the ledger (or were an allowed 404)
 * @param probeUnavailable probe answers per second that were 503 or none in time
 * @param probeWrong probe answers per second the ledger contradicts, plus unexpected statuses
 * @param viaIndex answers per second with {@code X-Backbone-Path: index}
 * @param viaScatter answers per second with {@code X-Backbone-Path: scatter}
 * @param viaShard answers per second with {@code X-Backbone-Path: shard}
 * @param probeP99Millis p99 latency of the probe's answers in the interval
 */
public record TimelineRow(long second, String phase, double publishedPerSecond, double acknowledgedPerSecond, double failedPerSecond,
        long journaled, long streamsLag, long shardSinkLag, long indexSinkLag, long probeOk, long probeUnavailable, long probeWrong,
        long viaIndex, long viaScatter, long viaShard, double probeP99Millis) {

    /** The CSV header, in field order. */
    public static final String CSV_HEADER = "second,phase,published_per_s,acknowledged_per_s,failed_per_s,journaled,streams_lag,"
            + "shard_sink_lag,index_sink_lag,probe_ok,probe_unavailable,probe_wrong,via_index,via_scatter,via_shard,probe_p99_ms";

    /** The CSV line, in field order. */
    public String csv() {
        return String.format(Locale.ROOT, "%d,%s,%.1f,%.1f,%.1f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%.1f", second, phase,
                publishedPerSecond, acknowledgedPerSecond, failedPerSecond, journaled, streamsLag, shardSinkLag, indexSinkLag, probeOk,
                probeUnavailable, probeWrong, viaIndex, viaScatter, viaShard, probeP99Millis);
    }
}
