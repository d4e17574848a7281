package dev.backbone.etl.recon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconOptionsTest {

    private static final ChangeLogSettings LOG = ChangeLogSettings.of("localhost:9092");

    @TempDir
    Path dir;

    @Test
    void shouldParseTheCheckListInAnyOrderAndCase() {
        assertThat(Check.parseList("index, LOG,ledger")).containsExactlyInAnyOrder(Check.INDEX, Check.LOG, Check.LEDGER);
    }

    @Test
    void shouldNameTheFlagAndTheValidChecksForAnUnknownOne() {
        assertThatThrownBy(() -> Check.parseList("index,logs")).hasMessageContaining("--checks").hasMessageContaining("'logs'")
                .hasMessageContaining("index, log, ledger");
        assertThatThrownBy(() -> Check.parseList("")).hasMessageContaining("--checks");
    }

    @Test
    void shouldRequireALedgerFileThatExistsForTheLedgerCheck() {
        assertThatThrownBy(() -> new ReconOptions(Set.of(Check.LEDGER), false, LOG, null, ""))
                .hasMessageContaining("--ledger FILE");
        Path absent = dir.resolve("nope.tsv");
        assertThatThrownBy(() -> new ReconOptions(Set.of(Check.LEDGER), false, LOG, absent, ""))
                .hasMessageContaining("--ledger " + absent).hasMessageContaining("no such file");
    }

    @Test
    void shouldRefuseALedgerTheChecksLeaveOut() throws Exception {
        Path ledger = Files.writeString(dir.resolve("l.tsv"), "# backbone-ledger v1\n");
        assertThatThrownBy(() -> new ReconOptions(Set.of(Check.INDEX), false, LOG, ledger, ""))
                .hasMessageContaining("--checks leaves out 'ledger'");
    }

    @Test
    void shouldRejectAPassCountOutsideTheSegmentSpace() {
        assertThatThrownBy(() -> new ChangeLogSettings("localhost:9092", 0, ChangeLogSettings.DEFAULT_READ_TIMEOUT))
                .hasMessageContaining("--passes").hasMessageContaining("was 0");
    }

    @Test
    void shouldReadTheChangelogsOfTheStreamsAppsApplicationIdDefaultingToTheAppsDefault() {
        assertThat(LOG.applicationId()).isEqualTo("backbone-topology");
        assertThat(LOG.changelogTopic(EntityFamily.CUSTOMER)).isEqualTo("backbone-topology-customer-state-changelog");
        assertThat(LOG.withApplicationId("drill-7").changelogTopic(EntityFamily.ORDER)).isEqualTo("drill-7-order-state-changelog");
    }

    @Test
    void shouldRejectAnApplicationIdThatCannotPrefixATopicNamingTheFlagAndTheKey() {
        assertThatThrownBy(() -> LOG.withApplicationId("my app"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--application-id")
                .hasMessageContaining("backbone.streams.application-id").hasMessageContaining("'my app'");
        assertThatThrownBy(() -> LOG.withApplicationId("")).hasMessageContaining("--application-id");
    }

    @Test
    void shouldReportACorruptLedgerNamingTheFlag() throws Exception {
        Path ledger = Files.writeString(dir.resolve("bad.tsv"), "not a ledger\nline\n");
        assertThatThrownBy(() -> LedgerCheck.fold(ledger)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--ledger " + ledger).hasMessageContaining("header");
    }

    @Test
    void shouldScopeByCustomerIdPrefix() {
        ReconOptions options = new ReconOptions(Set.of(Check.LOG), false, LOG, null, "t-1");
        assertThat(options.inScope("t-1-c7")).isTrue();
        assertThat(options.inScope("t-2-c7")).isFalse();
        assertThat(EntityFamily.likePrefix("a_b%")).isEqualTo("a\\_b\\%%");
    }
}
