package dev.backbone.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backbone.k8s.ImageDefinitions.Copy;
import dev.backbone.k8s.ImageDefinitions.Dockerfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The images the manifests run can be built from this repository, and each Dockerfile agrees with
 * the pods that run it (k8s/images, docs/deploy.md "Images"). No image is built here (no container
 * engine on these machines): the Dockerfiles are checked against the manifests, the Maven modules
 * and the build script's dry run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageDefinitionsTest {

    private static final String OWN_IMAGES = "backbone/";
    private static final Pattern POM_RELEASE = Pattern.compile("<maven\\.compiler\\.release>(\\d+)</maven\\.compiler\\.release>");
    private static final Pattern POM_OWN_ARTIFACT = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>");

    private final Path root = Kustomize.repoRoot();
    private Map<String, Path> catalogue;
    private final List<Container> containers = new ArrayList<>();

    /** A container of a rendered workload: its image without the tag, effective uid and env. */
    private record Container(String where, String image, int uid, JsonNode env) {
    }

    @BeforeAll
    void renderEveryOverlay() {
        catalogue = ImageDefinitions.catalogue(root);
        for (Path overlay : Kustomize.overlays()) {
            for (JsonNode object : Kustomize.render(overlay)) {
                JsonNode pod = ManifestPolicy.podSpec(object);
                if (pod == null) {
                    continue;
                }
                int podUid = pod.path("securityContext").path("runAsUser").asInt(-1);
                List<JsonNode> all = new ArrayList<>();
                pod.path("initContainers").forEach(all::add);
                pod.path("containers").forEach(all::add);
                for (JsonNode c : all) {
                    String image = c.path("image").asText();
                    int colon = image.lastIndexOf(':');
                    containers.add(new Container(overlay.getFileName() + ": " + object.path("kind").asText() + "/"
                            + object.path("metadata").path("name").asText() + "/" + c.path("name").asText(),
                            colon > image.lastIndexOf('/') ? image.substring(0, colon) : image,
                            c.path("securityContext").path("runAsUser").asInt(podUid), c.path("env")));
                }
            }
        }
        assertThat(containers).as("containers in the rendered overlays").isNotEmpty();
    }

    private Dockerfile dockerfileOf(String image) {
        return ImageDefinitions.parse(root.resolve(catalogue.get(image)));
    }

    private Set<String> ownImagesRun() {
        Set<String> images = new TreeSet<>();
        containers.stream().map(Container::image).filter(i -> i.startsWith(OWN_IMAGES)).forEach(images::add);
        return images;
    }

    @Test
    void shouldDefineABuildForEveryOwnImageTheManifestsRunAndNoOther() {
        assertThat(catalogue.keySet()).as("k8s/images/images.txt").containsExactlyInAnyOrderElementsOf(ownImagesRun());
        catalogue.forEach((image, dockerfile) ->
                assertThat(root.resolve(dockerfile)).as("Dockerfile of " + image).isRegularFile());
    }

    @Test
    void shouldBuildOnPinnedBaseImagesOfTheReleasesTheBuildUses() throws IOException {
        String javaRelease = match(POM_RELEASE, Files.readString(root.resolve("pom.xml")), "root pom.xml");
        for (String image : catalogue.keySet()) {
            String from = dockerfileOf(image).from();
            assertThat(from).as(image + ": FROM").isNotNull();
            assertThat(ManifestPolicy.imageProblem(from)).as(image + ": FROM " + from).isNull();
            if (from.startsWith("eclipse-temurin:")) {
                assertThat(from).as(image + ": the JRE of maven.compiler.release").startsWith("eclipse-temurin:" + javaRelease + ".");
            } else {
                assertThat(from).as(image + ": Flyway's CLI of the release the build resolves").isEqualTo("flyway/flyway:" + flywayVersion());
            }
        }
    }

    @Test
    void shouldRunAsTheUserThePodsRequire() {
        for (Container c : containers) {
            if (catalogue.containsKey(c.image())) {
                assertThat(dockerfileOf(c.image()).uid()).as(c.where() + ": USER of " + catalogue.get(c.image()))
                        .isEqualTo(c.uid()).isPositive();
            }
        }
    }

    @Test
    void shouldCopyOnlyWhatTheMavenBuildProducesAndTheContextLetsIn() throws IOException {
        List<String> letIn = ImageDefinitions.dockerignoreIncludes(root);
        for (String image : catalogue.keySet()) {
            Dockerfile dockerfile = dockerfileOf(image);
            assertThat(dockerfile.copies()).as(image + ": COPY").isNotEmpty();
            for (Copy copy : dockerfile.copies()) {
                String module = copy.module();
                assertThat(module).as(image + ": COPY " + copy.source() + " is a Maven output (<module>/target/…)").isNotNull();
                String pom = Files.readString(root.resolve(module).resolve("pom.xml"));
                String produced = copy.source().substring(module.length() + "/target/".length());
                if (produced.equals("lib")) {
                    assertThat(pom).as(module + "/pom.xml copies its runtime classpath to target/lib")
                            .contains("<goal>copy-dependencies</goal>").contains("${project.build.directory}/lib");
                } else if (produced.endsWith(".jar")) {
                    assertThat(produced).as(image + ": the module's own jar").startsWith(match(POM_OWN_ARTIFACT, pom, module + "/pom.xml"));
                } else {
                    assertThat(produced).as(image + ": COPY " + copy.source()).isEqualTo("classes");
                }
                assertThat(letIn).as(".dockerignore lets in " + copy.source()).contains(copy.source());
            }
        }
    }

    @Test
    void shouldStartAMainClassFromWhatTheImageHolds() throws IOException {
        for (String image : catalogue.keySet()) {
            Dockerfile dockerfile = dockerfileOf(image);
            if (dockerfile.entrypoint().isEmpty()) {
                continue; // the base image's own entrypoint (Flyway's CLI)
            }
            List<String> command = dockerfile.entrypoint();
            assertThat(command).as(image + ": ENTRYPOINT java -cp <path> <main class>").hasSize(4).startsWith("java", "-cp");
            Set<String> targets = new TreeSet<>();
            dockerfile.copies().forEach(c -> targets.add(c.target()));
            for (String entry : command.get(2).split(":")) {
                assertThat(targets).as(image + ": class path entry " + entry + " is copied in").contains(entry.replace("/*", ""));
            }
            String mainClass = command.get(3);
            Path source = dockerfile.copies().stream().map(Copy::module).distinct()
                    .map(m -> root.resolve(m).resolve("src/main/java").resolve(mainClass.replace('.', '/') + ".java"))
                    .filter(Files::isRegularFile).findFirst().orElse(null);
            assertThat(source).as(image + ": " + mainClass + " in a module the image copies").isNotNull();
            assertThat(Files.readString(source)).as(mainClass).contains("static void main(String[] args)");
        }
    }

    @Test
    void shouldHoldEveryMigrationLocationTheJobsName() {
        for (Container c : containers) {
            for (JsonNode env : c.env()) {
                if (!env.path("name").asText().equals("FLYWAY_LOCATIONS")) {
                    continue;
                }
                Dockerfile dockerfile = dockerfileOf(c.image());
                for (String location : env.path("value").asText().split(",")) {
                    assertThat(location).as(c.where() + ": FLYWAY_LOCATIONS").startsWith("classpath:");
                    String folder = location.substring("classpath:".length());
                    boolean held = dockerfile.copies().stream().map(Copy::module)
                            .map(m -> root.resolve(m).resolve("src/main/resources").resolve(folder))
                            .anyMatch(ImageDefinitionsTest::holdsMigrations);
                    assertThat(held).as(c.where() + ": " + location + " in a module jar " + catalogue.get(c.image()) + " copies").isTrue();
                }
            }
        }
    }

    @Test
    void shouldBuildEveryCatalogueImageWithTheGivenTagFromTheScript() throws Exception {
        Result dryRun = buildScript("--dry-run", "1.2.3", "registry.example");
        assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
        assertThat(dryRun.output()).contains("+ mvn -B -q package -DskipTests");
        catalogue.forEach((image, dockerfile) -> assertThat(dryRun.output()).contains(
                "+ docker build -f " + dockerfile + " -t registry.example/" + image + ":1.2.3 ."));

        Result noTag = buildScript("--dry-run");
        assertThat(noTag.exitCode()).isEqualTo(2);
        assertThat(noTag.output()).contains("usage: k8s/images/build.sh");
    }

    private record Result(int exitCode, String output) {
    }

    private Result buildScript(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("k8s/images/build.sh").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("build.sh finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    private static boolean holdsMigrations(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        var versioned = FileSystems.getDefault().getPathMatcher("glob:V*__*.sql");
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> versioned.matches(f.getFileName()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Flyway release on the build's class path (flyway-core, version from Spring Boot's BOM). */
    private static String flywayVersion() throws IOException {
        try (InputStream in = ImageDefinitionsTest.class.getResourceAsStream("/org/flywaydb/core/internal/version.txt")) {
            assertThat(in).as("flyway-core on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private static String match(Pattern pattern, String text, String where) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(pattern + " in " + where).isTrue();
        return m.group(1);
    }
}
