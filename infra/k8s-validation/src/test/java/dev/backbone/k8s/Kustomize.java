package dev.backbone.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders kustomizations with kubectl's built-in kustomize ({@code kubectl kustomize DIR}). Nothing
 * is skipped: a missing kubectl fails the test with the command that installs it.
 */
final class Kustomize {

    private static final long TIMEOUT_SECONDS = 60;
    private static final ObjectMapper YAML = new YAMLMapper();

    private Kustomize() {
    }

    /** The checkout's root: the first ancestor of the working directory that holds {@code k8s/overlays}. */
    static Path repoRoot() {
        Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("k8s").resolve("overlays"))) {
                return p;
            }
        }
        throw new IllegalStateException("no k8s/overlays folder above " + dir);
    }

    /** Every overlay: each folder directly under {@code k8s/overlays} with a kustomization.yaml. */
    static List<Path> overlays() {
        Path overlays = repoRoot().resolve("k8s").resolve("overlays");
        try (Stream<Path> dirs = Files.list(overlays)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Renders {@code dir} and parses every document; empty documents are dropped. Memoised per
     * directory for the test JVM, so test classes share one render per overlay (callers never
     * modify the returned nodes).
     */
    static List<JsonNode> render(Path dir) {
        return RENDERED.computeIfAbsent(dir.toAbsolutePath().normalize(),
                d -> List.copyOf(parse(run("kubectl", "kustomize", d.toString()))));
    }

    private static final Map<Path, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    static List<JsonNode> parse(String multiDocumentYaml) {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(multiDocumentYaml)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("rendered YAML does not parse", e);
        }
        return docs;
    }

    private static String run(String... command) {
        Path out;
        Path err;
        try {
            out = Files.createTempFile("kustomize", ".out");
            err = Files.createTempFile("kustomize", ".err");
            out.toFile().deleteOnExit();
            err.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Process p;
            try {
                p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("kubectl (1.27 or newer, for its built-in kustomize v5) is required to"
                        + " render k8s/ but could not be started (" + e.getMessage() + "). Install it:"
                        + " `apt-get install -y kubectl` (./backbone test does this when run as root).", e);
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }
}
