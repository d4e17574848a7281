package dev.backbone.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.stack.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicCatalogTest {

    @TempDir
    Path dir;

    @Test
    void shouldLoadTheProjectCatalogueWithDefaultsMerged() {
        TopicCatalog catalog = TopicCatalog.load(ProjectRoot.locate().resolve("infra/topics.yaml"));

        TopicSpec orders = catalog.find("backbone.orders.v1").orElseThrow();
        assertThat(orders.replicationFactor()).isEqualTo((short) 3);
        assertThat(orders.configs()).containsEntry("min.insync.replicas", "2").containsEntry("retention.ms", "-1");
        assertThat(catalog.topics()).extracting(TopicSpec::name)
                .contains("backbone.customers.v1", "backbone.payments.v1", "backbone.dlq.v1");
    }

    @Test
    void shouldRejectAnUnquotedConfigValueNamingTheKey() throws IOException {
        Path file = write("""
                topics:
                  - name: t
                    partitions: 1
                    owner: me
                    configs:
                      retention.ms: 5
                """);

        assertThatThrownBy(() -> TopicCatalog.load(file))
                .hasMessageContaining("topics[t].configs.retention.ms must be a quoted string, but was 5");
    }

    @Test
    void shouldRejectDuplicatesMissingOwnersAndBadPartitions() throws IOException {
        assertThatThrownBy(() -> TopicCatalog.load(write("topics:\n  - {name: a, partitions: 1, owner: x}\n  - {name: a, partitions: 1, owner: x}\n")))
                .hasMessageContaining("'a' is defined twice");
        assertThatThrownBy(() -> TopicCatalog.load(write("topics:\n  - {name: a, partitions: 1}\n")))
                .hasMessageContaining("topics[a].owner");
        assertThatThrownBy(() -> TopicCatalog.load(write("topics:\n  - {name: a, partitions: zero, owner: x}\n")))
                .hasMessageContaining("topics[a].partitions must be an integer, but was zero");
        assertThatThrownBy(() -> TopicCatalog.load(write("topics:\n  - {name: 'a b', partitions: 1, owner: x}\n")))
                .hasMessageContaining("must match");
        assertThatThrownBy(() -> TopicCatalog.load(write("topics: []\n")))
                .hasMessageContaining("'topics' must be a non-empty list");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("topics.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
