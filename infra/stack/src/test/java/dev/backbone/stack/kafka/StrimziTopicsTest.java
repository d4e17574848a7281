package dev.backbone.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.stack.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StrimziTopicsTest {

    private static final Path ROOT = ProjectRoot.locate();

    @Test
    void shouldRenderOneKafkaTopicPerCatalogueEntryForTheBackboneCluster() {
        String yaml = StrimziTopics.render(TopicCatalog.load(ROOT.resolve("infra/topics.yaml")));

        assertThat(yaml.split("kind: KafkaTopic", -1)).hasSize(TopicCatalog.load(ROOT.resolve("infra/topics.yaml")).topics().size() + 1);
        assertThat(yaml).contains("  name: backbone-orders-v1\n", "  topicName: backbone.orders.v1\n",
                "    strimzi.io/cluster: backbone\n", "  replicas: 3\n", "    min.insync.replicas: \"2\"\n");
    }

    @Test
    void shouldKeepTheCommittedManifestsInStepWithTheCatalogue() throws IOException {
        String expected = StrimziTopics.render(TopicCatalog.load(ROOT.resolve("infra/topics.yaml")));

        assertThat(Files.readString(ROOT.resolve(StrimziTopics.COMMITTED_PATH)))
                .as("%s is stale: run ./backbone topics --strimzi", StrimziTopics.COMMITTED_PATH)
                .isEqualTo(expected);
    }
}
