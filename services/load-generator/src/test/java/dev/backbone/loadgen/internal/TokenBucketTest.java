package dev.backbone.loadgen.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.loadgen.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));

    @Test
    void shouldLetABurstThroughAtOnceThenPaceAtTheRate() {
        TokenBucket bucket = new TokenBucket(100, 5, clock);

        for (int i = 0; i < 5; i++) {
            assertThat(bucket.reserve()).isZero();
        }

        assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(10));
        assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void shouldHoldTheLongRunRateWhenTheCallerSleepsAsTold() {
        TokenBucket bucket = new TokenBucket(250, 1, clock);
        Instant start = clock.instant();

        for (int i = 0; i < 1_000; i++) {
            Duration wait = bucket.reserve();
            clock.advance(wait);
        }

        // the first token was in the bucket: 999 more at 4 ms each
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofMillis(3_996));
    }

    @Test
    void shouldNotSaveMoreThanTheBurstWhileIdle() {
        TokenBucket bucket = new TokenBucket(1_000, 10, clock);
        bucket.reserve();

        clock.advance(Duration.ofMinutes(1));

        assertThat(bucket.available()).isEqualTo(10.0);
    }

    @Test
    void shouldRejectANonPositiveRateNamingTheValue() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, clock)).hasMessage("rate must be > 0 events/s but was 0.0");
        assertThatThrownBy(() -> new TokenBucket(10, 0, clock)).hasMessage("burst must be >= 1 but was 0");
    }
}
