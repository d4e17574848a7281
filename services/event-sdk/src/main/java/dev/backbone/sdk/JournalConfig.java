package dev.backbone.sdk;

import static dev.backbone.sdk.internal.Checks.positive;
import static dev.backbone.sdk.internal.Checks.present;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The bounded durable local journal that holds events while Kafka cannot take them.
 *
 * @param directory where segment files and the checkpoint live; one publisher per directory
 *     ({@code backbone.sdk.journal.directory}, required)
 * @param segmentBytes size at which a new segment file is started
 *     ({@code backbone.sdk.journal.segment-bytes}, default {@value #DEFAULT_SEGMENT_BYTES})
 * @param maxBytes bound on the bytes of buffered (not yet Kafka-acked) entries
 *     ({@code backbone.sdk.journal.max-bytes}, default {@value #DEFAULT_MAX_BYTES})
 * @param maxEntries bound on the number of buffered entries
 *     ({@code backbone.sdk.journal.max-entries}, default {@value #DEFAULT_MAX_ENTRIES})
 * @param fsyncPolicy when to force writes to disk ({@code backbone.sdk.journal.fsync-policy},
 *     default {@code EVERY_BATCH})
 * @param fsyncInterval the sync period under {@link FsyncPolicy#INTERVAL}
 *     ({@code backbone.sdk.journal.fsync-interval}, default 10 ms)
 */
public record JournalConfig(
    Path directory, long segmentBytes, long maxBytes, long maxEntries, FsyncPolicy fsyncPolicy, Duration fsyncInterval) {

  /** 64 MiB. */
  public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;
  /** 1 GiB. */
  public static final long DEFAULT_MAX_BYTES = 1024L * 1024 * 1024;
  /** One million entries. */
  public static final long DEFAULT_MAX_ENTRIES = 1_000_000;
  /** 10 ms. */
  public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofMillis(10);

  /** Validates every setting, naming the key and value of the first bad one. */
  public JournalConfig {
    present("backbone.sdk.journal.directory", directory);
    positive("backbone.sdk.journal.segment-bytes", segmentBytes);
    positive("backbone.sdk.journal.max-bytes", maxBytes);
    positive("backbone.sdk.journal.max-entries", maxEntries);
    present("backbone.sdk.journal.fsync-policy", fsyncPolicy);
    positive("backbone.sdk.journal.fsync-interval", fsyncInterval);
    if (segmentBytes < 4096) {
      throw new IllegalArgumentException("backbone.sdk.journal.segment-bytes must be >= 4096 but was " + segmentBytes);
    }
  }

  /** A journal in {@code directory} with every other setting at its default. */
  public static JournalConfig defaults(Path directory) {
    return new JournalConfig(directory, DEFAULT_SEGMENT_BYTES, DEFAULT_MAX_BYTES, DEFAULT_MAX_ENTRIES,
        FsyncPolicy.EVERY_BATCH, DEFAULT_FSYNC_INTERVAL);
  }

  /** A copy with other bounds. */
  public JournalConfig withBounds(long maxBytes, long maxEntries) {
    return new JournalConfig(directory, segmentBytes, maxBytes, maxEntries, fsyncPolicy, fsyncInterval);
  }

  /** A copy with another segment size. */
  public JournalConfig withSegmentBytes(long segmentBytes) {
    return new JournalConfig(directory, segmentBytes, maxBytes, maxEntries, fsyncPolicy, fsyncInterval);
  }

  /** A copy with another fsync policy. */
  public JournalConfig withFsync(FsyncPolicy policy, Duration interval) {
    return new JournalConfig(directory, segmentBytes, maxBytes, maxEntries, policy, interval);
  }
}
