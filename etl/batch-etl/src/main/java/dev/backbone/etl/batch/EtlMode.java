package dev.backbone.etl.batch;

/** How a run chooses its windows. */
public enum EtlMode {
    /** From each shard's committed watermark to now; the normal, scheduled run. */
    INCREMENTAL,
    /** Everything, loaded into fresh tables that replace the live ones in one transaction. */
    BACKFILL
}
