package dev.backbone.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root: {@code -Dbackbone.root}, {@code BACKBONE_ROOT}, or the nearest parent with infra/topics.yaml. */
public final class ProjectRoot {

    private ProjectRoot() {
    }

    public static Path locate() {
        String configured = System.getProperty("backbone.root", System.getenv("BACKBONE_ROOT"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("infra/topics.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the Backbone repository root (a folder with infra/topics.yaml) above "
                + Path.of("").toAbsolutePath() + "; run from inside the repository or set BACKBONE_ROOT");
    }
}
