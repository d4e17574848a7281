package dev.backbone.loadgen.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.backbone.loadgen.bench.PublishBenchResult.Round;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishBenchResultTest {

    private static final Measurement BUFFERED = rate("SDK buffered (journal)", 1_000);

    @Test
    void shouldReportTheMedianOfTheRoundsRatiosNotTheirMean() {
        PublishBenchResult result = new PublishBenchResult(List.of(
                round(1_000, 2_000, 970), round(1_000, 2_000, 400), round(1_000, 2_000, 1_100)));

        assertThat(result.ratio()).isCloseTo(0.97, within(1e-9));
        assertThat(result.each(Round::ratio)).isEqualTo("0.97, 0.40, 1.10");
        assertThat(result.recordShapeRatio()).isCloseTo(2.0, within(1e-9));
        assertThat(result.sdkWorkRatio()).isCloseTo(0.485, within(1e-9));
    }

    @Test
    void shouldAverageTheMiddleTwoOfAnEvenNumberOfRounds() {
        PublishBenchResult result = new PublishBenchResult(List.of(
                round(1_000, 1_000, 800), round(1_000, 1_000, 1_000), round(1_000, 1_000, 300), round(1_000, 1_000, 1_200)));

        assertThat(result.ratio()).isCloseTo(0.9, within(1e-9));
    }

    @Test
    void shouldPriceTheSdksCpuAgainstTheRawLoopsPerRound() {
        Round round = new Round(rate("raw", 1_000), Measurement.of("raw, SDK's records", new long[] {1, 2}, 1.0, 20_000, 10_000),
                Measurement.of("SDK", new long[] {1, 2}, 1.0, 50_000, 30_000), BUFFERED);

        assertThat(round.cpuRatio()).isCloseTo(2.5, within(1e-9));
        assertThat(round.senderCpuRatio()).isCloseTo(3.0, within(1e-9));
        assertThat(new PublishBenchResult(List.of(round)).cpuRatio()).isCloseTo(2.5, within(1e-9));
    }

    @Test
    void shouldNeedARound() {
        assertThatThrownBy(() -> new PublishBenchResult(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one round");
    }

    @Test
    void shouldRejectRoundsOutsideTheRangeBeforeStartingAnything() {
        assertThatThrownBy(() -> PublishBenchmarkJvm.run("127.0.0.1:1", Path.of("lib"), Path.of("work"), 10, 10, 300, 10, 1, 0,
                line -> { })).isInstanceOf(IllegalArgumentException.class).hasMessage("--rounds must be between 1 and 9 but was 0");
        assertThatThrownBy(() -> PublishBenchmark.checkArguments(10, 1, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--rounds must be between 1 and 9 but was 10");
    }

    @Test
    void shouldHandARoundFromTheBenchmarkJvmToItsStarterAtFullPrecision(@TempDir Path dir) throws Exception {
        Round round = new Round(rate("raw ProducerPerformance", 33_450.5), Measurement.of("raw, SDK's records", new long[] {3, 1, 2},
                0.123456789, 7_000, 3_000), rate("SDK (Kafka)", 24_814.25), BUFFERED);
        Path results = dir.resolve("round-1.tsv");

        PublishBenchmarkJvm.writeRound(round, results);

        assertThat(PublishBenchmarkJvm.readRound(results)).isEqualTo(round);
        assertThat(results).doesNotExist();
    }

    @Test
    void shouldRejectALineThatIsNotAMeasurement() {
        assertThatThrownBy(() -> Measurement.fromTsv("raw\t12")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10 tab-separated fields, not 2");
        assertThatThrownBy(() -> Measurement.fromTsv("raw\tx\t1\t1\t1\t1\t1\t1\t1\t1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a measurement");
    }

    private static Round round(double raw, double rawSdkRecords, double sdk) {
        return new Round(rate("raw", raw), rate("raw, SDK's records", rawSdkRecords), rate("SDK", sdk), BUFFERED);
    }

    /** A measurement of {@code perSecond} records/s: that many records in one second (fractions in the seconds). */
    private static Measurement rate(String name, double perSecond) {
        int records = (int) Math.ceil(perSecond);
        return Measurement.of(name, new long[records], records / perSecond);
    }
}
