package dev.backbone.stack.postgres;

import dev.backbone.stack.StackLayout;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flyway, run programmatically: the same shard migrations on every shard, the warehouse its own.
 * Migrations live in this module under {@code db/shard} and {@code db/warehouse}.
 */
public final class Migrations {

    public static final String SHARD_LOCATION = "classpath:db/shard";
    public static final String WAREHOUSE_LOCATION = "classpath:db/warehouse";

    private Migrations() {
    }

    public static MigrateResult migrate(String jdbcUrl, String location) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(jdbcUrl, StackLayout.DATABASE_USER, "")
                .locations(location)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
