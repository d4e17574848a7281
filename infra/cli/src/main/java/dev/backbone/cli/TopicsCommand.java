package dev.backbone.cli;

import dev.backbone.stack.LocalStack;
import dev.backbone.stack.kafka.TopicApplier;
import dev.backbone.stack.kafka.TopicCatalog;
import dev.backbone.stack.kafka.StrimziTopics;
import dev.backbone.stack.kafka.TopicSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "topics", description = "List the topics of infra/topics.yaml; with --apply, make the cluster match (idempotent).")
final class TopicsCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Option(names = "--apply", description = "Create missing topics, grow partitions, align configs.")
    boolean apply;

    @Option(names = "--strimzi", description = "Regenerate the Strimzi KafkaTopic manifests (" + StrimziTopics.COMMITTED_PATH + ").")
    boolean strimzi;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LocalStack stack = options.open(false);
        TopicCatalog catalog = TopicCatalog.load(stack.layout().topicsFile());
        if (strimzi) {
            Path target = stack.layout().projectRoot().resolve(StrimziTopics.COMMITTED_PATH);
            try {
                Files.createDirectories(target.getParent());
                Files.writeString(target, StrimziTopics.render(catalog));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target, e);
            }
            out.println("wrote " + catalog.topics().size() + " KafkaTopic resources to " + target);
            out.flush();
            return 0;
        }
        if (!apply) {
            out.printf("%-30s %4s %3s  %-20s %s%n", "TOPIC", "PART", "RF", "OWNER", "DESCRIPTION");
            for (TopicSpec t : catalog.topics()) {
                out.printf("%-30s %4d %3d  %-20s %s%n", t.name(), t.partitions(), t.replicationFactor(), t.owner(), t.description());
            }
            out.flush();
            return 0;
        }
        try (Admin admin = stack.kafka().admin()) {
            List<TopicApplier.Outcome> outcomes = new TopicApplier(admin).apply(catalog.topics());
            outcomes.forEach(o -> out.printf("%-30s %-9s %s%n", o.topic(), o.action(), o.detail()));
            out.flush();
            return outcomes.stream().anyMatch(o -> o.action() == TopicApplier.Action.DRIFT) ? 1 : 0;
        }
    }
}
