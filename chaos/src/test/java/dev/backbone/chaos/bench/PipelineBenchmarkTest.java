package dev.backbone.chaos.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.loadgen.bench.Measurement;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OrderState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineBenchmarkTest {

    @Test
    void shouldWriteEveryOrderThroughThreeVersionsInSinkSizedBatches() {
        List<List<EntityChange<OrderState>>> batches = SinkCeilings.orderChanges(1_200);

        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(SinkCeilings.SINK_BATCH));
        List<EntityChange<OrderState>> all = batches.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(3_600);
        // first an insert, then two updates that move the order between status sets
        assertThat(all.get(0).before()).isNull();
        assertThat(all.get(0).after().status()).isEqualTo("PLACED");
        EntityChange<OrderState> paid = all.get(1_200);
        assertThat(paid.before().orderId()).isEqualTo(paid.after().orderId());
        assertThat(paid.before().version()).isEqualTo(1);
        assertThat(paid.after().status()).isEqualTo("PAID");
        assertThat(all.get(3_599).after().status()).isEqualTo("SHIPPED");
        assertThat(all.get(3_599).version()).isEqualTo(3);
    }

    @Test
    void shouldCompareTheSustainedRateWithTheSlowerCeiling() {
        Measurement latency = Measurement.of("probe", new long[] {1_000_000}, 1);
        var result = new PipelineBenchmark.Result(8_000, 6_000, 1_500, 1_200, latency, 0);

        assertThat(result.ratio()).isEqualTo(0.25);
    }

    @Test
    void shouldTimeEachStageOverTheProbesThatSawItAndCallAChangeQueryableOnceBothSinksHaveIt() {
        long ms = 1_000_000;
        var unseenCommit = new VisibilityProbe.Visibility(Instant.parse("2026-12-03T17:00:00Z"), 50 * ms, 400 * ms,
                VisibilityProbe.NOT_YET, 700 * ms, 500 * ms);
        var seenAll = new VisibilityProbe.Visibility(Instant.parse("2026-12-03T17:00:01Z"), 60 * ms, 300 * ms, 450 * ms,
                800 * ms, 1_900 * ms);
        List<VisibilityProbe.Visibility> probes = List.of(unseenCommit, seenAll);

        Measurement committed = PipelineBenchmark.stage("committed", probes, VisibilityProbe.Visibility::committed,
                Duration.ofSeconds(30));
        Measurement queryable = PipelineBenchmark.stage("queryable", probes, VisibilityProbe.Visibility::queryable,
                Duration.ofSeconds(30));

        assertThat(committed.records()).isEqualTo(1);
        assertThat(committed.p50Millis()).isEqualTo(450);
        assertThat(queryable.records()).isEqualTo(2);
        assertThat(queryable.p50Millis()).isEqualTo(700); // the row came last
        assertThat(queryable.maxMillis()).isEqualTo(1_900); // the index entry came last
        assertThat(seenAll.rowAfterCommit()).isEqualTo(350 * ms);
        assertThat(seenAll.indexAfterCommit()).isEqualTo(1_450 * ms);
        assertThat(unseenCommit.rowAfterCommit()).isEqualTo(VisibilityProbe.NOT_YET);
        assertThat(unseenCommit.describe()).isEqualTo("published 2026-12-03T17:00:00Z: acknowledged 50 ms, sent by the fold "
                + "400 ms, committed not seen, row 700 ms, index 500 ms");
    }

    @Test
    void shouldRejectSettingsTooSmallToMeasureNamingTheOption() {
        assertThatThrownBy(() -> new PipelineBenchmark.Settings(10, 0, 5_000, Duration.ofSeconds(30), List.of(), 0))
                .hasMessage("--events must be >= 1000 but was 10");
        assertThatThrownBy(() -> new PipelineBenchmark.Settings(5_000, 0, 5, Duration.ofSeconds(30), List.of(), 0))
                .hasMessage("--ceiling-orders must be >= 1000 but was 5");
        assertThatThrownBy(() -> new PipelineBenchmark.Settings(5_000, 0, 5_000, Duration.ofSeconds(1), List.of(), 0))
                .hasMessage("--latency-seconds must be >= 5 but was 1");
        assertThatThrownBy(() -> new PipelineBenchmark.Settings(5_000, -1, 5_000, Duration.ofSeconds(30), List.of(), 0))
                .hasMessage("--warmup-events must be >= 0 but was -1");
        assertThatThrownBy(() -> new PipelineBenchmark.Settings(5_000, 0, 5_000, Duration.ofSeconds(30), List.of("commit-interval=1s"), 0))
                .hasMessageStartingWith("--app-jvm-option must be a JVM option starting with '-'");
        assertThatThrownBy(() -> new PipelineBenchmark.Settings(5_000, 0, 5_000, Duration.ofSeconds(30), List.of(), -5))
                .hasMessage("--latency-rate must be a number of events per second >= 0 (0: half the sustained rate) but was -5.0");
        assertThatThrownBy(() -> new PipelineBenchmark.Settings(5_000, 0, 5_000, Duration.ofSeconds(30), List.of(), Double.NaN))
                .hasMessageStartingWith("--latency-rate must be a number of events per second >= 0");
    }
}
