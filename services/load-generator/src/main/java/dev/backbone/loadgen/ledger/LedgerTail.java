package dev.backbone.loadgen.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Follows a ledger while its run still appends to it: each {@link #poll()} decodes only the lines
 * completed since the last one, so watching a long run costs what it appends, not the whole file.
 * A line not yet terminated is left for the next poll. Not thread-safe.
 */
public final class LedgerTail {

    private final Path file;
    private long position;
    private byte[] partial = new byte[0];
    private boolean headerSeen;
    private long lineNumber;

    public LedgerTail(Path file) {
        this.file = file;
    }

    /**
     * The entries completed since the last poll (none while the file does not exist yet).
     *
     * @throws LedgerCorruptException when a completed line is not a valid entry or the header is wrong
     * @throws IOException when the file cannot be read
     */
    public List<LedgerEntry> poll() throws IOException {
        List<LedgerEntry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        byte[] fresh;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= position) {
                return entries;
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16, size - position));
            while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
                // read until the snapshot size
            }
            fresh = new byte[buffer.position()];
            buffer.flip().get(fresh);
            position += fresh.length;
        }
        byte[] bytes = new byte[partial.length + fresh.length];
        System.arraycopy(partial, 0, bytes, 0, partial.length);
        System.arraycopy(fresh, 0, bytes, partial.length, fresh.length);
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line(new String(bytes, start, i - start, UTF_8), entries);
                start = i + 1;
            }
        }
        partial = Arrays.copyOfRange(bytes, start, bytes.length);
        return entries;
    }

    private void line(String text, List<LedgerEntry> entries) {
        lineNumber++;
        if (!headerSeen) {
            if (!text.equals(LedgerFormat.HEADER)) {
                throw new LedgerCorruptException(file + ": line 1 is not the header '" + LedgerFormat.HEADER + "'");
            }
            headerSeen = true;
            return;
        }
        try {
            entries.add(LedgerFormat.decode(text));
        } catch (RuntimeException e) {
            throw new LedgerCorruptException(file + ": line " + lineNumber + " is damaged (" + e.getMessage() + ")", e);
        }
    }
}
