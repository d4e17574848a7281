package dev.backbone.chaos.bench;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisHeadroomTest {

    private static final long MAX = 268_435_456L;

    @Test
    void shouldLetARunStartWithRoomLeft() {
        assertThatCode(() -> RedisHeadroom.checkInfo(info((long) (MAX * 0.79), MAX))).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseANearlyFullRedisNamingItsMemoryAndTheWayOut() {
        assertThatThrownBy(() -> RedisHeadroom.checkInfo(info(266_053_632L, MAX)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("253.7 of its 256.0 MiB")
                .hasMessageContaining("./backbone down --purge && ./backbone up");
    }

    @Test
    void shouldNotLimitARedisWithoutMaxmemory() {
        assertThatCode(() -> RedisHeadroom.checkInfo(info(50L << 30, 0))).doesNotThrowAnyException();
    }

    @Test
    void shouldSayWhenTheReplyIsNotInfoMemory() {
        assertThatThrownBy(() -> RedisHeadroom.checkInfo("# Server\r\nredis_version:7.0.15\r\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no used_memory");
    }

    /** The lines of a real {@code INFO memory} reply that matter, among others, with Redis' CRLF. */
    private static String info(long used, long max) {
        return "# Memory\r\nused_memory:" + used + "\r\nused_memory_human:x\r\nused_memory_rss:" + (used * 2)
                + "\r\nmaxmemory:" + max + "\r\nmaxmemory_human:x\r\nmaxmemory_policy:noeviction\r\n";
    }
}
