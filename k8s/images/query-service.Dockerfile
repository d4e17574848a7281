# The query service: dev.backbone.query.config.QueryServiceApplication (Spring Boot), API on 8080,
# actuator on 8081, configured from BACKBONE_QUERY_* variables (docs/query-service.md).
# Build context: the repository root after `mvn -B package -DskipTests` (k8s/images/build.sh).
FROM eclipse-temurin:17.0.16_8-jre-noble
COPY services/query-service/target/lib/ /app/lib/
COPY services/query-service/target/classes/ /app/classes/
USER 10001:10001
ENTRYPOINT ["java", "-cp", "/app/classes:/app/lib/*", "dev.backbone.query.config.QueryServiceApplication"]
