package dev.backbone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The commands switch to cluster mode on a backbone.* key of the process (here a -D system property)
 * and fail before reading anything when it is incomplete or contradicts a local-only flag.
 */
class ClusterModeCommandTest {

    private static final Map<String, String> DATABASES = Map.of(
            "backbone.shard.0.jdbc-url", "jdbc:postgresql://shard-0-rw:5432/backbone",
            "backbone.shard.user", "backbone",
            "backbone.shard.password", "shard-secret",
            "backbone.warehouse.jdbc-url", "jdbc:postgresql://warehouse-rw:5432/backbone",
            "backbone.warehouse.user", "warehouse-owner",
            "backbone.warehouse.password", "warehouse-secret");

    private final StringWriter err = new StringWriter();

    @AfterEach
    void clearTheProperties() {
        DATABASES.keySet().forEach(System::clearProperty);
    }

    @Test
    void shouldFailAHalfConfiguredJobNamingTheMissingKeyInsteadOfUsingTheLocalStack() {
        System.setProperty("backbone.warehouse.jdbc-url", DATABASES.get("backbone.warehouse.jdbc-url"));

        assertThat(run("etl")).isEqualTo(1);
        assertThat(err.toString()).contains("backbone.shard.0.jdbc-url is not set").contains("BACKBONE_SHARD_0_JDBC_URL");
        assertThat(run("reconcile")).isEqualTo(1);
        assertThat(err.toString()).contains("backbone.shard.0.jdbc-url is not set");
    }

    @Test
    void shouldRejectLocalOnlyFlagsThatContradictClusterMode() {
        DATABASES.forEach(System::setProperty);

        assertThat(run("etl", "--test-stack")).isEqualTo(1);
        assertThat(err.toString()).contains("--test-stack acts on the local integration-test stack");
        assertThat(run("etl", "--shards", "3")).isEqualTo(1);
        assertThat(err.toString()).contains("--shards 3 contradicts the 1 shard JDBC URLs of cluster mode").doesNotContain("secret");
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new BackboneCli());
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }
}
