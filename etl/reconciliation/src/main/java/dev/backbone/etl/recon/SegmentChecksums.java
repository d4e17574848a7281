package dev.backbone.etl.recon;

import java.util.ArrayList;
import java.util.List;

/** XOR checksums and entry counts of the 65,536 segments of one side of one index family. */
final class SegmentChecksums {

    private final long[] xor = new long[EntryDigest.SEGMENTS];
    private final long[] count = new long[EntryDigest.SEGMENTS];

    void add(String key, String value) {
        int segment = EntryDigest.segment(key);
        xor[segment] ^= EntryDigest.checksum(key, value);
        count[segment]++;
    }

    void merge(int segment, long checksum, long entries) {
        xor[segment] ^= checksum;
        count[segment] += entries;
    }

    long entries() {
        long total = 0;
        for (long c : count) {
            total += c;
        }
        return total;
    }

    /** Entries in the segments of {@code range}. */
    long entries(SegmentRange range) {
        long total = 0;
        for (int s = range.from(); s < range.to(); s++) {
            total += count[s];
        }
        return total;
    }

    /** Segments whose checksum or count differ from {@code other}'s. */
    List<Integer> differingSegments(SegmentChecksums other) {
        return differingSegments(other, new SegmentRange(0, EntryDigest.SEGMENTS));
    }

    /** Segments of {@code range} whose checksum or count differ from {@code other}'s. */
    List<Integer> differingSegments(SegmentChecksums other, SegmentRange range) {
        List<Integer> segments = new ArrayList<>();
        for (int s = range.from(); s < range.to(); s++) {
            if (xor[s] != other.xor[s] || count[s] != other.count[s]) {
                segments.add(s);
            }
        }
        return segments;
    }
}
