package dev.backbone.chaos.apps;

import dev.backbone.index.IndexKeys;
import java.util.Objects;

/**
 * What the backbone's apps share beside the stack's layout: the Streams application id (also the
 * prefix of its consumer groups and internal topics) and the Redis index key prefix. The CLI uses
 * the production defaults; an integration test picks unique ones so it never meets another test's
 * state on the shared test stack.
 *
 * @param applicationId {@code backbone.streams.application-id}
 * @param indexPrefix {@code backbone.index.key-prefix} of the Streams app, {@code backbone.query.index-prefix}
 *     of the query service
 */
public record AppsSettings(String applicationId, String indexPrefix) {

    /**
     * The local stack's apps. Both values are always passed to the apps explicitly, so these are the
     * ones in force locally whatever the apps' own defaults are.
     */
    public static final AppsSettings DEFAULTS = new AppsSettings("backbone-topology", IndexKeys.DEFAULT_PREFIX);

    public AppsSettings {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(indexPrefix, "indexPrefix");
        if (!applicationId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("applicationId must be letters, digits, '.', '_' or '-' but was '" + applicationId + "'");
        }
    }

    /** Consumer group of the Streams topology. */
    public String streamsGroup() {
        return applicationId;
    }

    /** Consumer group of the shard sink. */
    public String shardSinkGroup() {
        return applicationId + "-shard-sink";
    }

    /** Consumer group of the index sink. */
    public String indexSinkGroup() {
        return applicationId + "-index-sink";
    }
}
