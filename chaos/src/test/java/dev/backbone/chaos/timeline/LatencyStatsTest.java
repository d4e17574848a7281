package dev.backbone.chaos.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.chaos.probe.ProbeResult;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    private static List<ProbeResult> latencies(long... micros) {
        return LongStream.of(micros).mapToObj(m -> new ProbeResult(Instant.EPOCH, ProbeResult.Kind.CUSTOMER_BY_ID, 0,
                ProbeResult.Outcome.OK, "shard", m, "")).toList();
    }

    @Test
    void shouldTakeTheNearestRankSoOneSlowAnswerInAHundredIsTheP99() {
        long[] micros = LongStream.rangeClosed(1, 100).map(i -> i == 100 ? 900_000 : 1_000).toArray();

        assertThat(LatencyStats.p99Millis(latencies(micros))).isEqualTo(1.0);
        assertThat(LatencyStats.percentileMillis(latencies(micros), 100)).isEqualTo(900.0);
    }

    @Test
    void shouldSayZeroForNoAnswersAndRefuseNonsensePercentiles() {
        assertThat(LatencyStats.p99Millis(List.of())).isZero();
        assertThatThrownBy(() -> LatencyStats.percentileMillis(latencies(1), 0))
                .hasMessage("percentile must be 1..100 but was 0");
    }
}
