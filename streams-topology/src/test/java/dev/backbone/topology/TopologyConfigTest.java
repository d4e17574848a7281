package dev.backbone.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopologyConfigTest {

  @Test
  void shouldDefaultTheDedupTtlToSevenDays() {
    assertThat(TopologyConfig.defaults().dedupTtl()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void shouldRejectANonPositiveTtlNamingKeyAndValue() {
    assertThatThrownBy(() -> TopologyConfig.defaults().withDedupTtl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("backbone.topology.dedup-ttl must be > 0 but was PT0S");
  }

  @Test
  void shouldRejectANonPositiveRecordLimitNamingKeyAndValue() {
    assertThatThrownBy(() -> TopologyConfig.defaults().withMaxRecordBytes(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("backbone.topology.max-record-bytes must be > 0 but was -1");
  }
}
