package dev.backbone.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

class RedisCredentialsTest {

    private static final String SENTINELS = "redis-sentinel://s1:26379,s2:26379?sentinelMasterId=mymaster";

    @Test
    void shouldAuthenticateTheDataNodeAsTheUserAndEverySentinelWithItsOwnPassword() {
        RedisURI uri = new RedisCredentials("query-service", "data-pw", "sentinel-pw").applyTo(RedisURI.create(SENTINELS));

        assertThat(uri.getUsername()).isEqualTo("query-service");
        assertThat(uri.getPassword()).isEqualTo("data-pw".toCharArray());
        assertThat(uri.getSentinels()).hasSize(2).allSatisfy(sentinel -> {
            assertThat(sentinel.getUsername()).isNull();
            assertThat(sentinel.getPassword()).isEqualTo("sentinel-pw".toCharArray());
        });
    }

    @Test
    void shouldLeaveTheUriAloneWithoutCredentials() {
        RedisURI uri = RedisCredentials.NONE.applyTo(RedisURI.create(SENTINELS));

        assertThat(uri.getPassword()).isNull();
        assertThat(uri.getSentinels()).allSatisfy(sentinel -> assertThat(sentinel.getPassword()).isNull());
    }

    @Test
    void shouldRefuseAUserWithoutAPasswordAndNeverPrintPasswords() {
        assertThatThrownBy(() -> new RedisCredentials("streams-topology", "", ""))
                .hasMessageContaining("a Redis username ('streams-topology') is set without its password");
        assertThat(new RedisCredentials("u", "data-pw", "sentinel-pw").toString())
                .doesNotContain("data-pw", "sentinel-pw").contains("user=u", "password=***");
    }
}
