package dev.backbone.chaos.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PipelineLagTest {

    @Test
    void shouldSumTheThreeGroupsWhenAllAreKnown() {
        PipelineLag lag = new PipelineLag(1_200, 30, 4);

        assertThat(lag.total()).isEqualTo(1_234);
        assertThat(lag.atMost(1_234)).isTrue();
        assertThat(lag.atMost(1_233)).isFalse();
        assertThat(lag.toShards()).isEqualTo(1_230);
        assertThat(lag.breakdown()).isEqualTo("streams 1,200, shard sink 30, index sink 4");
    }

    @Test
    void shouldBeUnknownAndNeverCaughtUpWhenAnyGroupIsUnknown() {
        PipelineLag lag = new PipelineLag(0, ConsumerLag.UNKNOWN, 0);

        assertThat(lag.total()).isEqualTo(ConsumerLag.UNKNOWN);
        assertThat(lag.atMost(Long.MAX_VALUE)).isFalse();
        assertThat(lag.toShards()).isZero();
        assertThat(lag.breakdown()).isEqualTo("streams 0, shard sink unknown, index sink 0");
        assertThat(PipelineLag.UNKNOWN.atMost(0)).isFalse();
    }
}
