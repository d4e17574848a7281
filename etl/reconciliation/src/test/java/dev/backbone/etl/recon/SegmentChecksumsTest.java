package dev.backbone.etl.recon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SegmentChecksumsTest {

    @Test
    void shouldAgreeRegardlessOfReadOrderAndFindOnlyTheSegmentThatDiffers() {
        SegmentChecksums left = new SegmentChecksums();
        SegmentChecksums right = new SegmentChecksums();
        for (int i = 0; i < 1_000; i++) {
            left.add("order:" + i, "cus-" + i);
        }
        for (int i = 999; i >= 0; i--) {
            right.add("order:" + i, i == 500 ? "cus-x" : "cus-" + i);
        }

        assertThat(left.differingSegments(right)).containsExactly(EntryDigest.segment("order:500"));
        assertThat(left.entries()).isEqualTo(1_000);
    }

    @Test
    void shouldMatchTheDigestPostgresComputes() {
        // Pinned from PostgreSQL 15 evaluating EntryDigest.SQL_SEGMENT and SQL_CHECKSUM for k='order:1', v='cus-1'.
        assertThat(EntryDigest.segment("order:1")).isEqualTo(54980);
        assertThat(EntryDigest.checksum("order:1", "cus-1")).isEqualTo(500323774738726122L);
    }
}
