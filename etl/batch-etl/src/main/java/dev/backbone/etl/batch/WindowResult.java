package dev.backbone.etl.batch;

import dev.backbone.sharding.ShardId;
import java.time.Duration;

/**
 * One committed load: a pipeline's window on one shard.
 *
 * @param fromWatermark the transaction-id watermark the window started at (inclusive)
 * @param toWatermark   the watermark committed with the load (the read snapshot's xmin)
 * @param rows          source rows copied (re-read rows included)
 */
public record WindowResult(ShardId shard, Pipeline pipeline, long fromWatermark, long toWatermark, long rows, Duration duration) {
}
