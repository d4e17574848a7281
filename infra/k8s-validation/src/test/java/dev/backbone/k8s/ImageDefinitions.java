package dev.backbone.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code k8s/images} says about the container images: the catalogue ({@code images.txt}: image
 * name → Dockerfile) and the few instructions of each Dockerfile the manifests depend on.
 */
final class ImageDefinitions {

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private ImageDefinitions() {
    }

    /** One Dockerfile, reduced to what is checked: base image, copied sources and targets, user, entrypoint. */
    record Dockerfile(Path path, String from, List<Copy> copies, String user, List<String> entrypoint) {

        /** The numeric uid of {@code USER uid[:gid]}, or -1 when there is none or it is a name. */
        int uid() {
            String uidPart = user == null ? "" : user.split(":")[0];
            return uidPart.matches("\\d+") ? Integer.parseInt(uidPart) : -1;
        }
    }

    /** {@code COPY source target}: a path in the build context (the repository root) and one in the image. */
    record Copy(String source, String target) {

        /** The Maven module the source belongs to: the part before {@code /target/}. */
        String module() {
            int at = source.indexOf("/target/");
            return at < 0 ? null : source.substring(0, at);
        }
    }

    /** {@code k8s/images/images.txt}: image name → Dockerfile path (repository-relative), in file order. */
    static Map<String, Path> catalogue(Path repoRoot) {
        Map<String, Path> images = new LinkedHashMap<>();
        for (String line : lines(repoRoot.resolve("k8s/images/images.txt"))) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] columns = trimmed.split("\\s+");
            if (columns.length != 2) {
                throw new IllegalStateException("k8s/images/images.txt: want '<image> <Dockerfile>', got: " + line);
            }
            images.put(columns[0], Path.of(columns[1]));
        }
        return images;
    }

    /** Parses a Dockerfile's FROM, COPY, USER and exec-form ENTRYPOINT (one instruction per line). */
    static Dockerfile parse(Path dockerfile) {
        String from = null;
        String user = null;
        List<Copy> copies = new ArrayList<>();
        List<String> entrypoint = List.of();
        for (String line : lines(dockerfile)) {
            String[] words = line.strip().split("\\s+", 2);
            if (words.length < 2 || words[0].startsWith("#")) {
                continue;
            }
            switch (words[0].toUpperCase()) {
                case "FROM" -> from = words[1].split("\\s+")[0];
                case "USER" -> user = words[1].strip();
                case "COPY" -> {
                    String[] paths = words[1].strip().split("\\s+");
                    if (paths.length != 2 || paths[0].startsWith("--")) {
                        throw new IllegalStateException(dockerfile + ": COPY takes one source and one target here: " + line);
                    }
                    copies.add(new Copy(stripSlash(paths[0]), stripSlash(paths[1])));
                }
                case "ENTRYPOINT" -> entrypoint = quoted(words[1]);
                default -> {
                    // RUN, ENV, LABEL …: nothing the manifests depend on
                }
            }
        }
        return new Dockerfile(dockerfile, from, List.copyOf(copies), user, entrypoint);
    }

    /** The {@code !path} lines of {@code .dockerignore}: what the build context lets in. */
    static List<String> dockerignoreIncludes(Path repoRoot) {
        return lines(repoRoot.resolve(".dockerignore")).stream().map(String::strip).filter(l -> l.startsWith("!"))
                .map(l -> stripSlash(l.substring(1))).toList();
    }

    private static List<String> quoted(String execForm) {
        List<String> values = new ArrayList<>();
        Matcher m = QUOTED.matcher(execForm);
        while (m.find()) {
            values.add(m.group(1));
        }
        return List.copyOf(values);
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
