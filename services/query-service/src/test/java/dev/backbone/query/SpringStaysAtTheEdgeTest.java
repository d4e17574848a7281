package dev.backbone.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Dependency direction: the look-up logic is plain Java; only the config and web packages know Spring. */
class SpringStaysAtTheEdgeTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/backbone/query");

  @Test
  void shouldKeepSpringOutOfEveryPackageButConfigAndWeb() throws IOException {
    List<String> offenders;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      offenders = files.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !f.startsWith(SOURCES.resolve("config")) && !f.startsWith(SOURCES.resolve("web")))
          .filter(SpringStaysAtTheEdgeTest::importsSpring)
          .map(Path::toString).toList();
    }
    assertThat(offenders).as("move Spring wiring into dev.backbone.query.config (or .web); the domain stays plain Java")
        .isEmpty();
  }

  private static boolean importsSpring(Path file) {
    try {
      return Files.readString(file).contains("import org.springframework.");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
