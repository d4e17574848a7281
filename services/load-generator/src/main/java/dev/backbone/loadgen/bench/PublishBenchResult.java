package dev.backbone.loadgen.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * What {@code bench publish} measured: one or more rounds of its four phases. Every ratio of the
 * result is the median of the rounds' ratios: on a machine the cluster shares with the benchmark,
 * one round's ratio swings with whatever else ran in its seconds, and rounds that alternate the raw
 * tool and the SDK expose both to the same swings.
 *
 * @param rounds the rounds, in the order they ran; at least one
 */
public record PublishBenchResult(List<Round> rounds) {

    /** Checks that there is a round and freezes the list. */
    public PublishBenchResult {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("a result needs at least one round");
        }
        rounds = List.copyOf(rounds);
    }

    /** SDK records/s over raw records/s, the median of the rounds: the ratio. */
    public double ratio() {
        return median(Round::ratio);
    }

    /** Median of {@link Round#recordShapeRatio()}. */
    public double recordShapeRatio() {
        return median(Round::recordShapeRatio);
    }

    /** Median of {@link Round#sdkWorkRatio()}. */
    public double sdkWorkRatio() {
        return median(Round::sdkWorkRatio);
    }

    /** Median of {@link Round#cpuRatio()}. */
    public double cpuRatio() {
        return median(Round::cpuRatio);
    }

    /** Median of {@link Round#senderCpuRatio()}. */
    public double senderCpuRatio() {
        return median(Round::senderCpuRatio);
    }

    /** The rounds' values of {@code ratio}, in round order, e.g. {@code 0.97, 0.89, 1.10}. */
    public String each(ToDoubleFunction<Round> ratio) {
        return rounds.stream().map(round -> String.format(Locale.ROOT, "%.2f", ratio.applyAsDouble(round)))
                .collect(Collectors.joining(", "));
    }

    private double median(ToDoubleFunction<Round> ratio) {
        double[] values = rounds.stream().mapToDouble(ratio).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /**
     * One round: the raw tool, the raw loop with the SDK's records, the SDK, the SDK buffered, back
     * to back.
     *
     * @param raw Kafka's ProducerPerformance
     * @param rawSdkRecords a plain KafkaProducer sending the SDK's encoded records
     * @param sdk the SDK publishing to Kafka
     * @param buffered the SDK with Kafka unreachable (journal)
     */
    public record Round(Measurement raw, Measurement rawSdkRecords, Measurement sdk, Measurement buffered) {

        /** SDK records/s divided by raw records/s. */
        public double ratio() {
            return perSecondRatio(sdk, raw);
        }

        /** What the SDK's record shape alone costs: raw with the SDK's records over raw ProducerPerformance. */
        public double recordShapeRatio() {
            return perSecondRatio(rawSdkRecords, raw);
        }

        /** What the SDK's own work costs: the SDK over raw with the same records. */
        public double sdkWorkRatio() {
            return perSecondRatio(sdk, rawSdkRecords);
        }

        /**
         * CPU of the benchmark JVM per record, SDK over raw with the same records: the SDK's own work
         * priced in CPU, which a busy machine distorts far less than throughput.
         */
        public double cpuRatio() {
            return ratio(sdk.cpuMicrosPerRecord(), rawSdkRecords.cpuMicrosPerRecord());
        }

        /** Like {@link #cpuRatio()}, the publishing threads alone (validation, encoding, send). */
        public double senderCpuRatio() {
            return ratio(sdk.senderCpuMicrosPerRecord(), rawSdkRecords.senderCpuMicrosPerRecord());
        }

        /** The four phases, in the order they ran. */
        public List<Measurement> measurements() {
            return List.of(raw, rawSdkRecords, sdk, buffered);
        }

        private static double ratio(double over, double under) {
            return under <= 0 || over < 0 ? 0 : over / under;
        }

        private static double perSecondRatio(Measurement over, Measurement under) {
            return under.recordsPerSecond() <= 0 ? 0 : over.recordsPerSecond() / under.recordsPerSecond();
        }
    }
}
