package dev.backbone.sdk.internal.journal;

import dev.backbone.sdk.BufferFullException;
import dev.backbone.sdk.FsyncPolicy;
import dev.backbone.sdk.JournalCorruption;
import dev.backbone.sdk.JournalRecovery;
import dev.backbone.sdk.JournalConfig;
import dev.backbone.sdk.JournalUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded, durable, FIFO journal of opaque entries in segment files.
 *
 * <ul>
 *   <li>{@link #append} reserves room (or throws {@link BufferFullException}), assigns the next
 *       sequence and hands the entry to a single writer thread; the returned future completes only
 *       after the entry has been forced to disk. Concurrent appends share one fsync.
 *   <li>{@link #read} returns durable entries in sequence order from a read cursor; {@link #rewind}
 *       moves the cursor back to the first unacknowledged entry.
 *   <li>{@link #acknowledge} records, in a checkpoint file, that a prefix was delivered, frees its
 *       room and deletes fully delivered segments.
 *   <li>{@link #open} recovers: verifies every entry's checksum, cuts off torn or corrupt tails and
 *       reports them, and positions the read cursor at the first unacknowledged entry.
 * </ul>
 *
 * <p>Not shared between processes: one journal directory belongs to one publisher.
 */
public final class Journal implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
  private static final int MAX_WRITE_BATCH = 10_000;

  private final JournalConfig config;
  private final Path directory;
  private final Runnable onDurable;
  private final JournalRecovery recovery;
  private final TreeMap<Long, Segment> segments = new TreeMap<>();
  private final ArrayDeque<Append> queue = new ArrayDeque<>();
  private final Thread writer;
  private final FileLock lock;

  private Segment active;
  private long nextSequence;
  private volatile long durableSequence;
  private long ackedSequence;
  private long pendingEntries;
  private long pendingBytes;
  private IOException failure;
  private boolean closed;

  private long readSegment;
  private long readPosition;
  private long readNext;
  private long ackSegment;
  private long ackPosition;

  private record Append(long sequence, byte[] payload, CompletableFuture<Long> durable) {
  }

  private Journal(JournalConfig config, Runnable onDurable, List<JournalCorruption> corruptions) throws IOException {
    this.config = config;
    this.directory = config.directory();
    this.onDurable = onDurable;
    Files.createDirectories(directory);
    this.lock = lockDirectory(directory);
    try {
      long checkpoint = Checkpoint.read(directory,
          damage -> corruptions.add(new JournalCorruption(directory.resolve(Checkpoint.FILE), 0, damage, 0)));
      this.ackedSequence = checkpoint;
      recoverSegments(checkpoint, corruptions);
    } catch (IOException | RuntimeException e) {
      lock.channel().close();
      throw e;
    }
    this.recovery = new JournalRecovery(pendingEntries, pendingBytes, corruptions);
    for (JournalCorruption corruption : corruptions) {
      LOG.error("[journal {}] damaged data cut off: {} at offset {} ({}; {} bytes discarded)", directory,
          corruption.segment().getFileName(), corruption.offset(), corruption.reason(), corruption.bytesDiscarded());
    }
    this.writer = new Thread(this::writeLoop, "backbone-journal-writer");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /**
   * Opens (and recovers) the journal in {@code config.directory()}.
   *
   * @param onDurable called on the writer thread after new entries became durable; must not block
   */
  public static Journal open(JournalConfig config, Runnable onDurable) throws IOException {
    return new Journal(config, onDurable, new ArrayList<>());
  }

  /** What recovery found when the journal was opened. */
  public JournalRecovery recovery() {
    return recovery;
  }

  private void recoverSegments(long checkpoint, List<JournalCorruption> corruptions) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files = list.filter(Segment::isSegmentFile).sorted().toList();
    }
    long lastSequence = checkpoint;
    boolean cursorSet = false;
    for (Path file : files) {
      Segment segment = scan(file, checkpoint, corruptions);
      if (segment == null) {
        continue;
      }
      lastSequence = Math.max(lastSequence, segment.lastSequence);
      if (segment.lastSequence <= checkpoint) {
        Files.delete(file);
        continue;
      }
      segments.put(segment.base, segment);
      if (!cursorSet) {
        cursorSet = true;
        positionAckCursor(segment, checkpoint);
      }
    }
    nextSequence = lastSequence + 1;
    durableSequence = lastSequence;
    active = createSegment(nextSequence);
    if (!cursorSet) {
      ackSegment = active.base;
      ackPosition = EntryFormat.SEGMENT_HEADER_BYTES;
    }
    rewind();
  }

  private void positionAckCursor(Segment segment, long checkpoint) throws IOException {
    ackSegment = segment.base;
    ackPosition = EntryFormat.SEGMENT_HEADER_BYTES;
    try (FileChannel channel = FileChannel.open(segment.path, StandardOpenOption.READ)) {
      while (true) {
        if (!(EntryReader.read(channel, ackPosition, segment.size) instanceof EntryReader.Entry entry)
            || entry.sequence() > checkpoint) {
          return;
        }
        ackPosition = entry.endPosition();
      }
    }
  }

  /** Verifies a segment, cuts off damage, counts pending entries; {@code null} (and deleted) when it holds none. */
  private Segment scan(Path file, long checkpoint, List<JournalCorruption> corruptions) throws IOException {
    Segment segment = scanEntries(file, checkpoint, corruptions);
    if (segment == null) {
      Files.delete(file);
    }
    return segment;
  }

  private Segment scanEntries(Path file, long checkpoint, List<JournalCorruption> corruptions) throws IOException {
    long base = Segment.baseOf(file);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long fileSize = channel.size();
      ByteBuffer header = ByteBuffer.allocate(EntryFormat.SEGMENT_HEADER_BYTES);
      if (fileSize < EntryFormat.SEGMENT_HEADER_BYTES
          || readHeader(channel, header) != EntryFormat.MAGIC || header.getInt() != EntryFormat.VERSION) {
        corruptions.add(new JournalCorruption(file, 0, "missing or invalid segment header", fileSize));
        return null;
      }
      long position = EntryFormat.SEGMENT_HEADER_BYTES;
      long expected = base;
      while (true) {
        EntryReader.Result result = EntryReader.read(channel, position, fileSize);
        if (result instanceof EntryReader.Entry entry && entry.sequence() != expected) {
          result = new EntryReader.Damage("unexpected sequence " + entry.sequence() + ", expected " + expected);
        }
        if (!(result instanceof EntryReader.Entry entry)) {
          if (result instanceof EntryReader.Damage damage) {
            corruptions.add(new JournalCorruption(file, position, damage.reason(), fileSize - position));
            channel.truncate(position);
            channel.force(true);
          }
          return position == EntryFormat.SEGMENT_HEADER_BYTES ? null : new Segment(base, file, position, expected - 1);
        }
        if (entry.sequence() > checkpoint) {
          pendingEntries++;
          pendingBytes += entry.sizeOnDisk();
        }
        position = entry.endPosition();
        expected++;
      }
    }
  }

  /** One journal, one process: a second publisher on the same directory would corrupt it. */
  private static FileLock lockDirectory(Path directory) throws IOException {
    FileChannel channel = FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IOException("journal directory " + directory + " is in use by another publisher (backbone.sdk.journal.directory)");
    }
    return lock;
  }

  private static int readHeader(FileChannel channel, ByteBuffer header) throws IOException {
    EntryReader.readFully(channel, header, 0);
    header.flip();
    return header.getInt();
  }

  private Segment createSegment(long base) throws IOException {
    Path path = directory.resolve(Segment.fileName(base));
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    ByteBuffer header = EntryFormat.segmentHeader();
    while (header.hasRemaining()) {
      channel.write(header);
    }
    channel.force(true);
    Checkpoint.syncDirectory(directory);
    Segment segment = new Segment(base, path, EntryFormat.SEGMENT_HEADER_BYTES, base - 1);
    segment.writeChannel = channel;
    synchronized (this) {
      segments.put(base, segment);
    }
    return segment;
  }

  /**
   * Reserves room for {@code payload} and queues it for the writer.
   *
   * @return completes with the entry's sequence once it is on disk, or exceptionally with
   *     {@link JournalUnavailableException} if the disk write fails
   * @throws BufferFullException when the entry would exceed {@code max-entries} or {@code max-bytes}
   * @throws JournalUnavailableException when the journal failed before or is closed
   */
  public synchronized CompletableFuture<Long> append(byte[] payload) {
    if (failure != null) {
      throw new JournalUnavailableException("journal " + directory + " failed earlier: " + failure.getMessage(), failure);
    }
    if (closed) {
      throw new JournalUnavailableException("journal " + directory + " is closed", null);
    }
    long size = EntryFormat.ENTRY_HEADER_BYTES + (long) payload.length;
    if (pendingEntries + 1 > config.maxEntries() || pendingBytes + size > config.maxBytes()) {
      throw new BufferFullException("local buffer is full: " + pendingEntries + " entries / " + pendingBytes
          + " bytes buffered (backbone.sdk.journal.max-entries=" + config.maxEntries()
          + ", backbone.sdk.journal.max-bytes=" + config.maxBytes() + ")");
    }
    pendingEntries++;
    pendingBytes += size;
    Append append = new Append(nextSequence++, payload, new CompletableFuture<>());
    queue.add(append);
    notifyAll();
    return append.durable;
  }

  /** Entries appended (durable or not) and not yet acknowledged. */
  public synchronized long depth() {
    return pendingEntries;
  }

  /** Bytes of the entries counted by {@link #depth()}. */
  public synchronized long bytes() {
    return pendingBytes;
  }

  /** Whether no entry awaits acknowledgement. */
  public synchronized boolean isEmpty() {
    return pendingEntries == 0;
  }

  /** Sequence of the last acknowledged entry. */
  public synchronized long acknowledgedSequence() {
    return ackedSequence;
  }

  private void writeLoop() {
    long lastSync = System.nanoTime();
    while (true) {
      List<Append> batch = new ArrayList<>();
      synchronized (this) {
        while (queue.isEmpty() && !closed) {
          waitUninterruptibly();
        }
        if (queue.isEmpty()) {
          return;
        }
      }
      if (config.fsyncPolicy() == FsyncPolicy.INTERVAL) {
        sleepUntil(lastSync + config.fsyncInterval().toNanos());
      }
      synchronized (this) {
        while (!queue.isEmpty() && batch.size() < MAX_WRITE_BATCH) {
          batch.add(queue.poll());
        }
      }
      try {
        for (Append append : batch) {
          write(append);
        }
        active.writeChannel.force(false);
        lastSync = System.nanoTime();
      } catch (IOException e) {
        fail(batch, e);
        return;
      }
      durableSequence = batch.get(batch.size() - 1).sequence;
      for (Append append : batch) {
        append.durable.complete(append.sequence);
      }
      onDurable.run();
    }
  }

  private void write(Append append) throws IOException {
    ByteBuffer entry = EntryFormat.encode(append.sequence, append.payload);
    if (active.size + entry.remaining() > config.segmentBytes() && active.lastSequence >= active.base) {
      active.writeChannel.force(false);
      active.writeChannel.close();
      active = createSegment(append.sequence);
    }
    long position = active.size;
    while (entry.hasRemaining()) {
      position += active.writeChannel.write(entry, position);
    }
    active.size = position;
    active.lastSequence = append.sequence;
  }

  private void fail(List<Append> batch, IOException e) {
    LOG.error("[journal {}] write failed; the journal is unavailable until restart", directory, e);
    List<Append> failed = new ArrayList<>(batch);
    synchronized (this) {
      failure = e;
      failed.addAll(queue);
      queue.clear();
    }
    JournalUnavailableException error = new JournalUnavailableException("journal " + directory + " write failed", e);
    failed.forEach(append -> append.durable.completeExceptionally(error));
  }

  /**
   * Reads up to {@code max} durable entries after the read cursor and advances it. Called by one
   * thread (the drainer) only.
   */
  public List<JournalEntry> read(int max) throws IOException {
    List<JournalEntry> entries = new ArrayList<>();
    long durable = durableSequence;
    FileChannel channel = null;
    long channelSegment = -1;
    try {
      while (entries.size() < max && readNext <= durable) {
        Segment segment;
        Long nextSegment;
        synchronized (this) {
          segment = segments.get(readSegment);
          nextSegment = segment == null ? segments.ceilingKey(readSegment) : segments.higherKey(readSegment);
        }
        if (segment == null || readPosition >= segment.size) {
          if (nextSegment == null) {
            break;
          }
          // A deleted segment held only acknowledged entries; a sequence gap is damage reported at recovery.
          readSegment = nextSegment;
          readPosition = EntryFormat.SEGMENT_HEADER_BYTES;
          readNext = Math.max(readNext, nextSegment);
          continue;
        }
        if (channelSegment != segment.base) {
          closeQuietly(channel);
          channel = FileChannel.open(segment.path, StandardOpenOption.READ);
          channelSegment = segment.base;
        }
        EntryReader.Result result = EntryReader.read(channel, readPosition, segment.size);
        if (!(result instanceof EntryReader.Entry entry) || entry.sequence() != readNext) {
          throw new IOException("journal entry " + readNext + " in " + segment.path + " at " + readPosition
              + " is unreadable: " + result);
        }
        entries.add(new JournalEntry(entry.sequence(), entry.payload(), segment.base, entry.endPosition(), entry.sizeOnDisk()));
        readPosition = entry.endPosition();
        readNext++;
      }
    } finally {
      closeQuietly(channel);
    }
    return entries;
  }

  /** Moves the read cursor back to the first unacknowledged entry. */
  public synchronized void rewind() {
    readSegment = ackSegment;
    readPosition = ackPosition;
    readNext = ackedSequence + 1;
  }

  /**
   * Records that Kafka acknowledged {@code entries}, which must directly follow the previously
   * acknowledged ones, in order. Writes the checkpoint, frees their room and deletes segments
   * that hold nothing unacknowledged.
   */
  public void acknowledge(List<JournalEntry> entries) throws IOException {
    if (entries.isEmpty()) {
      return;
    }
    JournalEntry first = entries.get(0);
    JournalEntry last = entries.get(entries.size() - 1);
    synchronized (this) {
      if (first.sequence() <= ackedSequence || last.sequence() < first.sequence()) {
        throw new IllegalArgumentException("acknowledged entries must follow sequence " + ackedSequence
            + " in order but were " + first.sequence() + ".." + last.sequence());
      }
    }
    Checkpoint.write(directory, last.sequence());
    List<Segment> obsolete = new ArrayList<>();
    synchronized (this) {
      ackedSequence = last.sequence();
      ackSegment = last.segmentBase();
      ackPosition = last.endPosition();
      pendingEntries -= entries.size();
      pendingBytes -= entries.stream().mapToLong(JournalEntry::sizeOnDisk).sum();
      for (Map.Entry<Long, Segment> entry : segments.entrySet()) {
        Segment segment = entry.getValue();
        if (segment != active && segment.lastSequence <= ackedSequence) {
          obsolete.add(segment);
        }
      }
      obsolete.forEach(segment -> segments.remove(segment.base));
    }
    for (Segment segment : obsolete) {
      Files.deleteIfExists(segment.path);
    }
  }

  /** Writes and syncs everything queued, then stops the writer. Unacknowledged entries stay on disk. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      active.writeChannel.close();
      lock.release();
      lock.channel().close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close journal " + directory, e);
    }
  }

  /**
   * Waits for work. The writer ignores interrupts on purpose: it must finish every queued append
   * (callers wait for their sync), and it ends by {@link #close()}, not by interruption.
   */
  private void waitUninterruptibly() {
    try {
      wait();
    } catch (InterruptedException e) {
      LOG.warn("[journal {}] writer interrupted; ignored, it stops on close()", directory);
    }
  }

  private static void sleepUntil(long deadlineNanos) {
    long remaining = deadlineNanos - System.nanoTime();
    if (remaining > 0) {
      java.util.concurrent.locks.LockSupport.parkNanos(remaining);
    }
  }

  private static void closeQuietly(FileChannel channel) throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
