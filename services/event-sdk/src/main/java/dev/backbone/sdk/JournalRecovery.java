package dev.backbone.sdk;

import java.util.List;

/**
 * What opening the local journal found when the publisher started.
 *
 * @param pendingEntries entries not yet acknowledged by Kafka, to be re-published
 * @param pendingBytes their size on disk
 * @param corruptions damaged regions that were cut off
 */
public record JournalRecovery(long pendingEntries, long pendingBytes, List<JournalCorruption> corruptions) {

  /** Copies the list. */
  public JournalRecovery {
    corruptions = List.copyOf(corruptions);
  }
}
