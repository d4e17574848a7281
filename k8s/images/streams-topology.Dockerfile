# The Streams app: dev.backbone.topology.app.BackboneApp, configured from BACKBONE_* variables
# (docs/streams-topology.md), health and metrics on 8081. Runs as the local stack runs it: the
# module's classes and its runtime classpath (target/lib, optional OpenTelemetry SDK included).
# Build context: the repository root after `mvn -B package -DskipTests` (k8s/images/build.sh).
FROM eclipse-temurin:17.0.16_8-jre-noble
COPY streams-topology/target/lib/ /app/lib/
COPY streams-topology/target/classes/ /app/classes/
# The pods run as 10001 on a read-only root filesystem; the state directory and /tmp are volumes.
USER 10001:10001
ENTRYPOINT ["java", "-cp", "/app/classes:/app/lib/*", "dev.backbone.topology.app.BackboneApp"]
