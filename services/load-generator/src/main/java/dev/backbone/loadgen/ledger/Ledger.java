package dev.backbone.loadgen.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a ledger file holds: every complete entry, and how many bytes of a torn last line (a write
 * cut short by a crash) were ignored. Entries are in acknowledgement order, which is not publish
 * order across partitions; {@link LedgerFold} does not depend on it.
 *
 * @param entries the valid entries
 * @param validBytes length of the valid prefix of the file (header and complete lines)
 * @param tornTailBytes bytes after the valid prefix that were ignored (0 when the file is clean)
 */
public record Ledger(List<LedgerEntry> entries, long validBytes, long tornTailBytes) {

    /** Copies the entries. */
    public Ledger {
        entries = List.copyOf(entries);
    }

    /**
     * Reads a ledger file. A damaged <em>last</em> line (no line break, or a checksum or format
     * error) is a torn write and is ignored; a damaged line before it means the file was altered
     * and is an error.
     *
     * @throws LedgerCorruptException when the header or a line other than the last is damaged
     * @throws IOException when the file cannot be read
     */
    public static Ledger read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<LedgerEntry> entries = new ArrayList<>();
        int header = LedgerFormat.HEADER.length() + 1;
        if (bytes.length < header || !new String(bytes, 0, header, UTF_8).equals(LedgerFormat.HEADER + "\n")) {
            if (bytes.length < header && (LedgerFormat.HEADER + "\n").startsWith(new String(bytes, UTF_8))) {
                return new Ledger(entries, 0, bytes.length); // torn while writing the header
            }
            throw new LedgerCorruptException(file + ": line 1 is not the header '" + LedgerFormat.HEADER + "'");
        }
        int start = header;
        int lineNumber = 1;
        while (start < bytes.length) {
            lineNumber++;
            int end = indexOf(bytes, (byte) '\n', start);
            if (end < 0) {
                return new Ledger(entries, start, bytes.length - start);
            }
            try {
                entries.add(LedgerFormat.decode(new String(bytes, start, end - start, UTF_8)));
            } catch (RuntimeException e) {
                if (end == bytes.length - 1) {
                    return new Ledger(entries, start, bytes.length - start);
                }
                throw new LedgerCorruptException(file + ": line " + lineNumber + " is damaged (" + e.getMessage()
                        + ") and is not the last line", e);
            }
            start = end + 1;
        }
        return new Ledger(entries, start, 0);
    }

    private static int indexOf(byte[] bytes, byte value, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
