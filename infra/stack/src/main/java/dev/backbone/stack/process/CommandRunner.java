package dev.backbone.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived command to completion (initdb, pg_autoctl create, Kafka's StorageTool) and fails with its output. */
public final class CommandRunner {

    private CommandRunner() {
    }

    public static String run(String what, List<String> command, Optional<String> runAs, long timeoutSeconds) {
        return run(what, command, Map.of(), runAs, timeoutSeconds);
    }

    /** As {@link #run(String, List, Optional, long)}, with {@code env} added to the command's environment. */
    public static String run(String what, List<String> command, Map<String, String> env, Optional<String> runAs,
            long timeoutSeconds) {
        List<String> full = new ArrayList<>();
        if (runAs.isPresent() && OsUser.isRoot()) {
            full.addAll(List.of("setpriv", "--reuid=" + runAs.get(), "--regid=" + runAs.get(), "--init-groups", "--"));
        }
        full.addAll(command);
        try {
            ProcessBuilder builder = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within " + timeoutSeconds + " s: " + String.join(" ", command));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(what + " failed (exit " + process.exitValue() + "): " + String.join(" ", command)
                        + "\n" + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(what + " could not run: " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        }
    }
}
