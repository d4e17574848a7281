package dev.backbone.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IndexKeysTest {

    private final IndexKeys keys = new IndexKeys(IndexKeys.DEFAULT_PREFIX);

    @Test
    void shouldLayOutKeysUnderThePrefixWithCaseFoldedEmails() {
        assertThat(keys.email("Ann@Example.COM")).isEqualTo("backbone:idx:email:ann@example.com");
        assertThat(keys.order("ord-1")).isEqualTo("backbone:idx:order:ord-1");
        assertThat(keys.ordersByStatus("PAID")).isEqualTo("backbone:idx:orders:status:PAID");
        assertThat(keys.emailPattern()).isEqualTo("backbone:idx:email:*");
    }

    @Test
    void shouldReadTheStatusAndRelativeKeyBack() {
        assertThat(keys.statusOf(keys.ordersByStatus("SHIPPED"))).contains("SHIPPED");
        assertThat(keys.statusOf(keys.order("x"))).isEmpty();
        assertThat(keys.relative(keys.order("x"))).isEqualTo("order:x");
        assertThatThrownBy(() -> keys.relative("other:x")).hasMessageContaining("not under the index prefix");
    }
}
