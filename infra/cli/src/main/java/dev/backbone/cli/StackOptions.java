package dev.backbone.cli;

import dev.backbone.stack.LocalStack;
import dev.backbone.stack.ProjectRoot;
import dev.backbone.stack.StackLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Options shared by every stack command. The shard count is chosen on the first {@code up} and
 * remembered in the runtime folder: later commands must agree with the data already on disk.
 */
final class StackOptions {

    private static final String SHARDS_KEY = "shards";

    @Option(names = "--shards", paramLabel = "N",
            description = "Number of PostgreSQL shards, 1-16 (chosen on the first up; default " + StackLayout.DEFAULT_SHARDS + ").")
    Integer shards;

    @Option(names = "--test-stack", hidden = true,
            description = "Act on the integration-test stack (.runtime/it-1000) instead; used by ./backbone test.")
    boolean testStack;

    /**
     * In cluster mode ({@link ClusterConfig}) there is no local stack and the shard count is the
     * number of shard URLs: the local-only flags must not contradict that.
     */
    void checkCluster(int shardCount) {
        if (testStack) {
            throw new IllegalArgumentException("--test-stack acts on the local integration-test stack, but backbone.* cluster keys are"
                    + " set (cluster mode): drop the flag or the keys");
        }
        if (shards != null && shards != shardCount) {
            throw new IllegalArgumentException("--shards " + shards + " contradicts the " + shardCount + " shard JDBC URLs of cluster"
                    + " mode: drop --shards (the URLs decide)");
        }
    }

    LocalStack open(boolean creating) {
        Path root = ProjectRoot.locate();
        if (testStack) {
            return new LocalStack(StackLayout.integrationTest(root, StackLayout.TEST_PORT_OFFSET, StackLayout.DEFAULT_SHARDS));
        }
        Path settings = settingsFile(root);
        int remembered = remembered(settings);
        if (remembered > 0 && shards != null && remembered != shards) {
            throw new IllegalArgumentException("--shards " + shards + " conflicts with the existing stack, created with "
                    + remembered + " shards; keep " + remembered + " or run './backbone down --purge' first");
        }
        int effective = remembered > 0 ? remembered : shards != null ? shards : StackLayout.DEFAULT_SHARDS;
        StackLayout layout = StackLayout.developer(root, effective);
        if (creating && remembered == 0) {
            remember(settings, effective);
        }
        return new LocalStack(layout);
    }

    static Path settingsFile(Path root) {
        return StackLayout.developer(root, StackLayout.DEFAULT_SHARDS).runtimeDir().resolve("stack.properties");
    }

    private static int remembered(Path settings) {
        if (!Files.isRegularFile(settings)) {
            return 0;
        }
        Properties props = new Properties();
        try (var in = Files.newInputStream(settings)) {
            props.load(in);
            return Integer.parseInt(props.getProperty(SHARDS_KEY, "0").strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(settings + ": '" + SHARDS_KEY + "' must be a number; fix it or run './backbone down --purge'");
        }
    }

    private static void remember(Path settings, int shards) {
        try {
            Files.createDirectories(settings.getParent());
            Files.writeString(settings, SHARDS_KEY + "=" + shards + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
