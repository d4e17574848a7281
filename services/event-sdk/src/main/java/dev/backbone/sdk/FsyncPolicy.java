package dev.backbone.sdk;

/**
 * When the journal forces written entries to disk. Under both policies an event is acknowledged
 * (its {@link PublishReceipt.Buffered} completed) only after the sync that covers it: the policy
 * trades latency for fewer syncs, never durability.
 */
public enum FsyncPolicy {
  /** Sync as soon as the writer is free: every batch of concurrently appended entries gets one fsync. */
  EVERY_BATCH,
  /** Sync at most once per {@link JournalConfig#fsyncInterval()}, gathering entries meanwhile. */
  INTERVAL
}
