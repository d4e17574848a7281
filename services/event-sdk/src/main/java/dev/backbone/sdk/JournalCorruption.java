package dev.backbone.sdk;

import java.nio.file.Path;

/**
 * A damaged region found when the journal was opened: typically the torn tail of a segment that
 * was being written when the process died. Entries before it are kept; the damaged bytes are cut
 * off. A torn tail holds only entries that were never acknowledged (acknowledgement waits for the
 * sync), so cutting it loses nothing that was promised.
 *
 * @param segment the segment file
 * @param offset file position where the damage starts
 * @param reason what was wrong (torn header, torn payload, checksum mismatch, unexpected sequence)
 * @param bytesDiscarded bytes cut off from {@code offset} to the end of the file
 */
public record JournalCorruption(Path segment, long offset, String reason, long bytesDiscarded) {
}
