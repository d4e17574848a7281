# Flyway's own CLI image with the shard and warehouse migrations on its classpath: the migration
# Jobs run `migrate` with FLYWAY_LOCATIONS=classpath:db/shard (or classpath:db/warehouse). The
# migrations are the files the local stack applies (infra/stack, src/main/resources/db), inside the
# module's jar; Flyway puts /flyway/jars/*.jar on its classpath. The Flyway release is the one the
# build resolves (flyway-core, from Spring Boot's BOM).
# Build context: the repository root after `mvn -B package -DskipTests` (k8s/images/build.sh).
FROM flyway/flyway:11.14.1
COPY infra/stack/target/backbone-stack-*.jar /flyway/jars/
USER 10001:10001
