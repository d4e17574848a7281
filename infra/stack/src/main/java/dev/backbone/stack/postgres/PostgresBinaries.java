package dev.backbone.stack.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the PostgreSQL server binaries: {@code BACKBONE_PG_BIN}, else the newest /usr/lib/postgresql/N/bin. */
public record PostgresBinaries(Path binDir) {

    public static PostgresBinaries locate() {
        String configured = System.getenv("BACKBONE_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            if (!Files.isExecutable(dir.resolve("initdb"))) {
                throw new IllegalStateException("BACKBONE_PG_BIN=" + configured + " has no initdb; point it at PostgreSQL's bin folder");
            }
            return new PostgresBinaries(dir);
        }
        return newestDebianInstall().orElseThrow(() -> new IllegalStateException(
                "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; install them with "
                        + "'apt-get install postgresql' or set BACKBONE_PG_BIN"));
    }

    private static Optional<PostgresBinaries> newestDebianInstall() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(bin -> versionOf(bin.getParent())))
                    .map(PostgresBinaries::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The pg_auto_failover CLI ({@code pg_autoctl}): {@code BACKBONE_PG_AUTOCTL}, else next to the
     * server binaries, else {@code /usr/bin/pg_autoctl} (where Debian's {@code pg-auto-failover-cli} puts it).
     */
    public String autoctl() {
        String configured = System.getenv("BACKBONE_PG_AUTOCTL");
        List<Path> candidates = configured != null && !configured.isBlank() ? List.of(Path.of(configured))
                : List.of(binDir.resolve("pg_autoctl"), Path.of("/usr/bin/pg_autoctl"), Path.of("/usr/local/bin/pg_autoctl"));
        return firstExecutable("pg_autoctl (pg_auto_failover)", candidates, "; install it with 'apt-get install postgresql-"
                + binDir.getParent().getFileName() + "-auto-failover' (./backbone does when root) or set BACKBONE_PG_AUTOCTL");
    }

    /** PgBouncer, which pools the keepers' monitor connections: where Debian's {@code pgbouncer} package or a local build puts it. */
    public String pgbouncer() {
        return firstExecutable("PgBouncer", List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"),
                Path.of("/usr/local/bin/pgbouncer")), "; install it with 'apt-get install pgbouncer' (./backbone does when root)");
    }

    private static String firstExecutable(String what, List<Path> candidates, String howToInstall) {
        return candidates.stream().filter(Files::isExecutable).findFirst().map(Path::toString)
                .orElseThrow(() -> new IllegalStateException(what + " not found at " + candidates + howToInstall));
    }

    public String tool(String name) {
        return binDir.resolve(name).toString();
    }
}
