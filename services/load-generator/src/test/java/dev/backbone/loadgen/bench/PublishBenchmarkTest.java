package dev.backbone.loadgen.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backbone.contracts.AggregateId;
import dev.backbone.contracts.EventType;
import dev.backbone.contracts.schema.EventValidator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class PublishBenchmarkTest {

    @Test
    void shouldReadTheSummaryLineOfProducerPerformance() {
        Measurement raw = RawProducerPerformance.parse("200000 records sent, 45000.0 records/sec (12.87 MB/sec), 300.50 ms avg latency, "
                + "900.00 ms max latency, 250 ms 50th, 700 ms 95th, 850 ms 99th, 890 ms 99.9th.");

        assertThat(raw.records()).isEqualTo(200_000);
        assertThat(raw.recordsPerSecond()).isCloseTo(45_000.0, within(0.01));
        assertThat(raw.avgMillis()).isEqualTo(300.5);
        assertThat(raw.p50Millis()).isEqualTo(250);
        assertThat(raw.p95Millis()).isEqualTo(700);
        assertThat(raw.p99Millis()).isEqualTo(850);
        assertThat(raw.maxMillis()).isEqualTo(900);
    }

    @Test
    void shouldComputePercentilesFromLatencies() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (100 - i) * 1_000_000L; // 100 ms .. 1 ms, unsorted
        }

        Measurement m = Measurement.of("sdk", nanos, 2.0);

        assertThat(m.recordsPerSecond()).isEqualTo(50.0);
        assertThat(m.p50Millis()).isEqualTo(50.0);
        assertThat(m.p99Millis()).isEqualTo(99.0);
        assertThat(m.maxMillis()).isEqualTo(100.0);
        assertThat(m.avgMillis()).isEqualTo(50.5);
    }

    @Test
    void shouldPriceCpuPerRecordInMicrosecondsAndMarkItUnknownWhenNotMeasured() {
        Measurement m = Measurement.of("sdk", new long[] {1, 2, 3, 4}, 1.0, 8_000, 4_000);

        assertThat(m.cpuMicrosPerRecord()).isEqualTo(2.0);
        assertThat(m.senderCpuMicrosPerRecord()).isEqualTo(1.0);
        assertThat(Measurement.of("probe", new long[] {1}, 1.0).cpuMicrosPerRecord()).isEqualTo(Measurement.UNKNOWN);
        assertThat(Measurement.of("probe", new long[] {1}, 1.0).row()).endsWith(" -         -");
    }

    @Test
    void shouldChargeThePublishingThreadsCpuToThePhase() throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        Measurement m = PublishBenchmark.measure("busy", 2_000, 2, i -> {
            long until = threads.getCurrentThreadCpuTime() + 20_000; // 20 µs of this thread's CPU per record
            while (threads.getCurrentThreadCpuTime() < until) {
                Thread.onSpinWait();
            }
            return CompletableFuture.completedFuture(true);
        });

        assertThat(m.senderCpuMicrosPerRecord()).isGreaterThanOrEqualTo(20.0);
        assertThat(m.cpuMicrosPerRecord()).isGreaterThanOrEqualTo(m.senderCpuMicrosPerRecord());
    }

    @Test
    void shouldPadTheBenchmarkEventToTheRecordSizeAndKeepItSchemaValid() {
        ObjectNode data = PublishBenchmark.template(300).deepCopy().put("orderId", "bench-o123").put("customerId", "bench-c12");

        assertThat(data.toString().getBytes(UTF_8).length).isBetween(290, 360);
        assertThat(new EventValidator().validate(EventType.ORDER_PLACED, AggregateId.of("bench-c12"), data)).isEmpty();
    }

    @Test
    void shouldSendEveryRecordExactlyOnceFromEachOfTheThreads() throws InterruptedException {
        Set<Integer> sent = ConcurrentHashMap.newKeySet();
        Set<String> threads = ConcurrentHashMap.newKeySet();

        Measurement m = PublishBenchmark.measure("test", 10_001, 3, i -> {
            assertThat(sent.add(i)).as("record %d sent twice", i).isTrue();
            threads.add(Thread.currentThread().getName());
            return CompletableFuture.completedFuture(true);
        });

        assertThat(sent).hasSize(10_001);
        assertThat(threads).hasSize(3);
        assertThat(m.records()).isEqualTo(10_001);
    }

    @Test
    void shouldFailTheMeasurementWhenARecordIsNotAcknowledged() {
        assertThatThrownBy(() -> PublishBenchmark.measure("test", 100, 2, i -> CompletableFuture.completedFuture(i != 42)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 records were not acknowledged");
    }

    @Test
    void shouldReportAPublishingThreadThatThrows() {
        assertThatThrownBy(() -> PublishBenchmark.measure("test", 100, 2, i -> {
            if (i == 7) {
                throw new IllegalArgumentException("bad event 7");
            }
            return CompletableFuture.completedFuture(true);
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("bad event 7");
    }
}
