package dev.backbone.sdk.internal.journal;

/**
 * One durable journal entry as read back by the drainer.
 *
 * @param sequence position in the journal, contiguous and increasing
 * @param payload the stored bytes (an encoded Kafka record)
 * @param segmentBase base sequence of the segment holding the entry
 * @param endPosition file position just after the entry
 * @param sizeOnDisk header plus payload bytes
 */
public record JournalEntry(long sequence, byte[] payload, long segmentBase, long endPosition, int sizeOnDisk) {
}
