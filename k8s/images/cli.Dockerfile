# The ./backbone CLI (dev.backbone.cli.BackboneCli) for the CronJobs: `reconcile --repair` and
# `etl` in cluster mode, configured from BACKBONE_* variables (docs/deploy.md). Tagged twice, as
# backbone/reconciliation and backbone/batch-etl (k8s/images/images.txt).
# Build context: the repository root after `mvn -B package -DskipTests` (k8s/images/build.sh).
FROM eclipse-temurin:17.0.16_8-jre-noble
COPY infra/cli/target/lib/ /app/lib/
COPY infra/cli/target/backbone-cli.jar /app/backbone-cli.jar
USER 10001:10001
ENTRYPOINT ["java", "-cp", "/app/backbone-cli.jar:/app/lib/*", "dev.backbone.cli.BackboneCli"]
