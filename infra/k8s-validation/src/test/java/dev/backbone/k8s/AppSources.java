package dev.backbone.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the applications actually read, taken from their sources (no dependency on their classes, so
 * this module stays tests-only and independent of their builds). Deliberately plain: string literals
 * that are whole {@code backbone.*} keys, plus the one indexed form ({@code "backbone.shard." + i +
 * ".jdbc-url"}). A scan that finds nothing fails, so a moved or rewritten source cannot make the
 * contract checks pass vacuously.
 */
final class AppSources {

    static final String STREAMS_APP_DIR = "streams-topology/src/main/java/dev/backbone/topology/app/";
    static final String QUERY_CONFIG_DIR = "services/query-service/src/main/java/dev/backbone/query/config/";
    /** The jobs' cluster mode: {@code ClusterConfig} (plus {@code KafkaSecurity} for reconciliation). */
    static final String JOBS_CONFIG = "infra/cli/src/main/java/dev/backbone/cli/ClusterConfig.java";
    /** Both read the shards' URLs through this one class. */
    static final String SHARD_URLS = STREAMS_APP_DIR + "ShardJdbcUrls.java";

    /** A string literal that is exactly a key: {@code "backbone.streams.state-dir"}. */
    private static final Pattern KEY_LITERAL = Pattern.compile("\"(backbone\\.[a-z0-9.-]*[a-z0-9])\"");
    /** {@code "backbone.shard." + i + ".jdbc-url"}: a key with a numeric index in the middle. */
    private static final Pattern INDEXED_KEY =
            Pattern.compile("\"(backbone\\.[a-z0-9.-]*\\.)\"\\s*\\+\\s*[A-Za-z_]\\w*\\s*\\+\\s*\"(\\.[a-z0-9.-]*[a-z0-9])\"");
    /** {@code source.required("backbone.streams.bootstrap-servers", …)}. */
    private static final Pattern REQUIRED_KEY = Pattern.compile("\\.required\\(\\s*\"(backbone\\.[a-z0-9.-]*[a-z0-9])\"");
    /** {@code static final String SHARD_USER = "backbone.shard.user";}: a key constant. */
    private static final Pattern KEY_CONSTANT =
            Pattern.compile("static\\s+final\\s+String\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*\"(backbone\\.[a-z0-9.-]*[a-z0-9])\"");
    /** {@code source.required(SHARD_USER, …)}: a required key named by its constant. */
    private static final Pattern REQUIRED_CONSTANT = Pattern.compile("\\.required\\(\\s*([A-Z][A-Z0-9_]*)\\s*,");

    private AppSources() {
    }

    /**
     * The keys of the Streams app ({@code AppConfig}, {@code BackboneApp}) and its health endpoint;
     * {@code tracesExported}: whether it builds the OpenTelemetry SDK with the autoconfigure
     * ({@code TraceExport}), i.e. reads the standard {@code OTEL_*} variables.
     */
    record StreamsKeys(Set<String> keys, List<IndexedKey> indexed, Set<String> required, int defaultHealthPort,
            Set<String> healthPaths, boolean tracesExported) {

        /** The environment variable that sets {@code key}: {@code ConfigSource.envName}. */
        static String envName(String key) {
            return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        }

        /** The key an environment variable sets, or null when the app reads no such key. */
        String keyOf(String envName) {
            return AppSources.keyOf(keys, indexed, envName);
        }
    }

    /**
     * What one CronJob's command reads in cluster mode: the keys of {@code ClusterConfig} under the
     * command's namespaces, and those of {@code KafkaSecurity} when it reads Kafka.
     */
    record JobKeys(String job, Set<String> keys, List<IndexedKey> indexed, Set<String> required) {

        /** The key an environment variable sets, or null when the command reads no such key. */
        String keyOf(String envName) {
            return AppSources.keyOf(keys, indexed, envName);
        }
    }

    private static String keyOf(Set<String> keys, List<IndexedKey> indexed, String envName) {
        for (String key : keys) {
            if (StreamsKeys.envName(key).equals(envName)) {
                return key;
            }
        }
        for (IndexedKey key : indexed) {
            Matcher m = key.envPattern().matcher(envName);
            if (m.matches()) {
                return key.prefix() + m.group(1) + key.suffix();
            }
        }
        return null;
    }

    /** {@code prefix + i + suffix}, e.g. {@code backbone.shard.} + i + {@code .jdbc-url}. */
    record IndexedKey(String prefix, String suffix) {

        Pattern envPattern() {
            return Pattern.compile(Pattern.quote(StreamsKeys.envName(prefix)) + "(\\d+)" + Pattern.quote(StreamsKeys.envName(suffix)));
        }

        String envName(int index) {
            return StreamsKeys.envName(prefix + index + suffix);
        }

        @Override
        public String toString() {
            return prefix + "<i>" + suffix;
        }
    }

    static StreamsKeys streams() {
        String appConfig = read(STREAMS_APP_DIR + "AppConfig.java");
        String app = read(STREAMS_APP_DIR + "BackboneApp.java");
        String healthServer = read(STREAMS_APP_DIR + "HealthServer.java");
        Set<String> keys = new TreeSet<>();
        List<IndexedKey> indexed = new ArrayList<>();
        Set<String> required = new TreeSet<>();
        // KafkaSecurity reads the backbone.kafka.* keys for AppConfig.
        String kafkaSecurity = read(STREAMS_APP_DIR + "KafkaSecurity.java");
        for (String source : List.of(appConfig, app, kafkaSecurity, read(SHARD_URLS))) {
            KEY_LITERAL.matcher(source).results().forEach(m -> keys.add(m.group(1)));
            INDEXED_KEY.matcher(source).results().map(m -> new IndexedKey(m.group(1), m.group(2)))
                    .filter(k -> !indexed.contains(k)).forEach(indexed::add);
            REQUIRED_KEY.matcher(source).results().forEach(m -> required.add(m.group(1)));
        }
        Matcher port = Pattern.compile("DEFAULT_HEALTH_PORT\\s*=\\s*(\\d+)\\s*;").matcher(appConfig);
        boolean portFound = port.find();
        if (keys.size() < 5 || indexed.isEmpty() || required.isEmpty() || !portFound) {
            throw new IllegalStateException("the key scan of " + STREAMS_APP_DIR + "AppConfig.java found too little (keys "
                    + keys + ", indexed " + indexed + ", required " + required + ", DEFAULT_HEALTH_PORT found: " + portFound
                    + "): has the config moved? Update AppSources");
        }
        Set<String> paths = new LinkedHashSet<>();
        Pattern.compile("createContext\\(\\s*\"(/[^\"]*)\"").matcher(healthServer).results().forEach(m -> paths.add(m.group(1)));
        boolean tracesExported = read(STREAMS_APP_DIR + "TraceExport.java").contains("AutoConfiguredOpenTelemetrySdk.builder()")
                && app.contains("TraceExport.of(");
        return new StreamsKeys(keys, indexed, required, Integer.parseInt(port.group(1)), paths, tracesExported);
    }

    /**
     * The keys the CronJob {@code job} reads: those of {@code ClusterConfig} under {@code namespaces}
     * (e.g. {@code backbone.shard.}), plus {@code KafkaSecurity}'s when {@code readsKafka}. Required: the
     * keys {@code ClusterConfig} passes to {@code required} by their constant, and the shard URLs.
     */
    static JobKeys job(String job, List<String> namespaces, boolean readsKafka) {
        String config = read(JOBS_CONFIG) + read(SHARD_URLS);
        Set<String> keys = new TreeSet<>();
        KEY_LITERAL.matcher(config).results().map(m -> m.group(1)).forEach(keys::add);
        List<IndexedKey> indexed = INDEXED_KEY.matcher(config).results().map(m -> new IndexedKey(m.group(1), m.group(2))).distinct().toList();
        Map<String, String> constants = new HashMap<>();
        KEY_CONSTANT.matcher(config).results().forEach(m -> constants.put(m.group(1), m.group(2)));
        Set<String> required = new TreeSet<>();
        REQUIRED_CONSTANT.matcher(config).results().map(m -> constants.get(m.group(1))).filter(Objects::nonNull)
                .forEach(required::add);
        if (readsKafka) {
            KEY_LITERAL.matcher(read(STREAMS_APP_DIR + "KafkaSecurity.java")).results().map(m -> m.group(1)).forEach(keys::add);
        }
        Predicate<String> ours = key -> namespaces.stream().anyMatch(key::startsWith);
        keys.removeIf(ours.negate());
        required.removeIf(ours.negate());
        List<IndexedKey> ourIndexed = indexed.stream().filter(k -> ours.test(k.prefix())).toList();
        if (keys.size() < 4 || ourIndexed.isEmpty() || required.size() < 4) {
            throw new IllegalStateException("the key scan of " + JOBS_CONFIG + " found too little for " + job + " (keys " + keys
                    + ", indexed " + indexed + ", required " + required + "): has cluster mode moved? Update AppSources");
        }
        return new JobKeys(job, keys, ourIndexed, required);
    }

    /** The query service: the components of {@code QueryProperties} (bound under {@code backbone.query}). */
    record QueryKeys(String prefix, List<String> components, Set<String> listComponents, String applicationYaml) {

        /**
         * The component a {@code BACKBONE_QUERY_*} variable binds to under Spring's relaxed binding
         * (the canonical form drops dashes, e.g. {@code BACKBONE_QUERY_REDISURI}; the legacy form
         * keeps them as underscores, {@code BACKBONE_QUERY_REDIS_URI}; a list element ends in
         * {@code _<i>}), or null.
         */
        String componentOf(String envName) {
            String envPrefix = prefix.toUpperCase(Locale.ROOT).replace('.', '_') + "_";
            if (!envName.startsWith(envPrefix)) {
                return null;
            }
            String rest = envName.substring(envPrefix.length());
            Matcher indexed = Pattern.compile("(.+?)_(\\d+)_?").matcher(rest);
            String name = indexed.matches() ? indexed.group(1) : rest;
            for (String component : components) {
                if (name.replace("_", "").equalsIgnoreCase(component)
                        && (!indexed.matches() || listComponents.contains(component))) {
                    return component;
                }
            }
            return null;
        }
    }

    static QueryKeys query() {
        String properties = read(QUERY_CONFIG_DIR + "QueryProperties.java");
        Matcher prefix = Pattern.compile("@ConfigurationProperties\\(\\s*(?:prefix\\s*=\\s*)?\"([a-z.-]+)\"").matcher(properties);
        Matcher record = Pattern.compile("record\\s+QueryProperties\\s*\\(([^)]*)\\)").matcher(properties);
        if (!prefix.find() || !record.find()) {
            throw new IllegalStateException(QUERY_CONFIG_DIR + "QueryProperties.java is no longer a @ConfigurationProperties"
                    + " record: update AppSources");
        }
        List<String> components = new ArrayList<>();
        Set<String> lists = new TreeSet<>();
        for (String parameter : record.group(1).split(",(?![^<]*>)")) {
            String[] words = parameter.trim().split("\\s+");
            String name = words[words.length - 1];
            components.add(name);
            if (parameter.contains("List<")) {
                lists.add(name);
            }
        }
        return new QueryKeys(prefix.group(1), components, lists,
                read("services/query-service/src/main/resources/application.yaml"));
    }

    static String read(String path) {
        try {
            return Files.readString(Kustomize.repoRoot().resolve(Path.of(path)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " (the contract checks read the apps' sources)", e);
        }
    }
}
