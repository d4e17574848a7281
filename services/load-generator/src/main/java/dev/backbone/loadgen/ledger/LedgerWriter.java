package dev.backbone.loadgen.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends entries to a ledger file. {@link #append} only buffers; {@link #sync()} writes the
 * buffered lines and fsyncs them, so a caller syncs once per batch (group commit). An entry is in
 * the ledger for sure only after the {@code sync} that followed its {@code append}.
 *
 * <p>Opening an existing ledger cuts off a torn last line first, so appending after a crash never
 * leaves a damaged line in the middle of the file. Not thread-safe.
 */
public final class LedgerWriter implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(64 * 1024);
    private long entries;

    private LedgerWriter(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens {@code file} for appending, creating it (and its parent folders) with a header when
     * missing, and truncating a torn tail when present.
     *
     * @throws LedgerCorruptException when the existing file is damaged before its last line
     */
    public static LedgerWriter open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        boolean existed = Files.exists(file) && Files.size(file) > 0;
        long validBytes = existed ? Ledger.read(file).validBytes() : 0;
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            channel.truncate(validBytes);
            channel.position(validBytes);
            LedgerWriter writer = new LedgerWriter(file, channel);
            if (validBytes == 0) {
                writer.pending.writeBytes((LedgerFormat.HEADER + "\n").getBytes(UTF_8));
                writer.sync();
                syncDirectory(parent);
            }
            return writer;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Buffers one entry; it is durable after the next {@link #sync()}. */
    public void append(LedgerEntry entry) {
        pending.writeBytes(LedgerFormat.encode(entry));
        entries++;
    }

    /** Writes everything appended so far and fsyncs the file. */
    public void sync() throws IOException {
        if (pending.size() > 0) {
            ByteBuffer buffer = ByteBuffer.wrap(pending.toByteArray());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            pending.reset();
        }
        channel.force(false);
    }

    /** Entries appended through this writer. */
    public long entries() {
        return entries;
    }

    /** The ledger file. */
    public Path file() {
        return file;
    }

    /** Syncs and closes. */
    @Override
    public void close() throws IOException {
        try {
            sync();
        } finally {
            channel.close();
        }
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
