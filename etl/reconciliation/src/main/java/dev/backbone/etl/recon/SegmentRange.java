package dev.backbone.etl.recon;

/**
 * A contiguous slice {@code [from, to)} of the 65,536 digest segments: one pass of the log check
 * keeps only the entities whose segment falls in it.
 */
record SegmentRange(int from, int to) {

    SegmentRange {
        if (from < 0 || to > EntryDigest.SEGMENTS || from >= to) {
            throw new IllegalArgumentException("segment range [" + from + ", " + to + ") outside [0, " + EntryDigest.SEGMENTS + ")");
        }
    }

    /** Pass {@code index} (0-based) of {@code passes} equal slices; together they cover every segment once. */
    static SegmentRange pass(int index, int passes) {
        if (passes < 1 || passes > EntryDigest.SEGMENTS || index < 0 || index >= passes) {
            throw new IllegalArgumentException("pass " + index + " of " + passes);
        }
        return new SegmentRange((int) ((long) index * EntryDigest.SEGMENTS / passes),
                (int) ((long) (index + 1) * EntryDigest.SEGMENTS / passes));
    }

    boolean contains(int segment) {
        return segment >= from && segment < to;
    }

    int size() {
        return to - from;
    }
}
