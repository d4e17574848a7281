package dev.backbone.etl.recon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SegmentRangeTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4, 7, 1_000, EntryDigest.SEGMENTS})
    void shouldCoverEverySegmentExactlyOnceWhateverThePassCount(int passes) {
        int[] seen = new int[EntryDigest.SEGMENTS];
        for (int pass = 0; pass < passes; pass++) {
            SegmentRange range = SegmentRange.pass(pass, passes);
            for (int s = range.from(); s < range.to(); s++) {
                seen[s]++;
            }
        }
        for (int s = 0; s < EntryDigest.SEGMENTS; s++) {
            assertThat(seen[s]).as("segment %d", s).isEqualTo(1);
        }
    }

    @Test
    void shouldRejectAPassOutsideTheCount() {
        assertThatThrownBy(() -> SegmentRange.pass(4, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SegmentRange.pass(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCompareOnlyTheSegmentsOfThePassRange() {
        SegmentChecksums log = new SegmentChecksums();
        SegmentChecksums rows = new SegmentChecksums();
        for (int i = 0; i < 2_000; i++) {
            log.add("customer:c-" + i, (i % 7 == 0 ? 2 : 1) + ":false"); // every 7th customer is newer in the log
            rows.add("customer:c-" + i, "1:false");
        }
        int passes = 4;
        int total = 0;
        for (int pass = 0; pass < passes; pass++) {
            SegmentRange range = SegmentRange.pass(pass, passes);
            for (int segment : log.differingSegments(rows, range)) {
                assertThat(range.contains(segment)).isTrue();
                total++;
            }
        }
        assertThat(total).isEqualTo(log.differingSegments(rows).size());
        assertThat(log.differingSegments(rows)).contains(EntryDigest.segment("customer:c-7"), EntryDigest.segment("customer:c-14"));
    }
}
