package dev.backbone.loadgen.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublishBenchmarkJvmTest {

    @Test
    void shouldGiveTheSdkJvmTheRawToolsHeapPlusRoomForThePreparedRecords() {
        assertThat(PublishBenchmarkJvm.sdkHeap(0)).isEqualTo(PublishBenchmarkJvm.RAW_HEAP);
        assertThat(PublishBenchmarkJvm.sdkHeap(200_000)).isEqualTo("804m"); // 512 MiB + 200,000 × 1.5 KiB
        assertThat(PublishBenchmarkJvm.sdkHeap(1_000_000)).isEqualTo("1976m");
    }
}
