package dev.backbone.sdk.internal.journal;

import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** One segment file: entries with contiguous sequences starting at {@link #base}. */
final class Segment {

  final long base;
  final Path path;
  /** Bytes written, header included; entries up to here are complete. */
  volatile long size;
  /** Sequence of the last entry, {@code base - 1} while empty. */
  volatile long lastSequence;
  /** Open only while this is the active (written) segment; used by the writer thread alone. */
  FileChannel writeChannel;

  Segment(long base, Path path, long size, long lastSequence) {
    this.base = base;
    this.path = path;
    this.size = size;
    this.lastSequence = lastSequence;
  }

  static String fileName(long base) {
    return String.format("%020d.seg", base);
  }

  static boolean isSegmentFile(Path path) {
    return path.getFileName().toString().matches("\\d{20}\\.seg");
  }

  static long baseOf(Path path) {
    return Long.parseLong(path.getFileName().toString().substring(0, 20));
  }
}
