package dev.backbone.cli;

import dev.backbone.chaos.apps.AppsSettings;
import dev.backbone.chaos.apps.BackboneApps;
import dev.backbone.chaos.verify.ProjectionCheck;
import dev.backbone.etl.batch.BatchEtl;
import dev.backbone.etl.batch.EtlMode;
import dev.backbone.etl.batch.EtlReport;
import dev.backbone.etl.recon.ReconReport;
import dev.backbone.etl.recon.Reconciler;
import dev.backbone.index.IndexKeys;
import dev.backbone.loadgen.EventSink;
import dev.backbone.loadgen.LoadGenerator;
import dev.backbone.loadgen.LoadSpec;
import dev.backbone.loadgen.LoadSummary;
import dev.backbone.loadgen.ledger.ExpectedState;
import dev.backbone.loadgen.ledger.Ledger;
import dev.backbone.loadgen.ledger.LedgerFold;
import dev.backbone.sdk.EventPublisher;
import dev.backbone.sdk.JournalConfig;
import dev.backbone.sdk.PublisherConfig;
import dev.backbone.stack.LocalStack;
import dev.backbone.stack.StackLayout;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job, end to end: stack up, Streams app and query service started, a sample workload
 * published with its ledger, projection awaited against the ledger, reconciliation, ETL, and a
 * summary. Leaves everything running for exploring; {@code ./backbone down} stops it all.
 */
@Command(name = "demo", description = "Run the backbone end to end on a sample workload and print a summary (leaves it running).")
final class DemoCommand implements Callable<Integer> {

    private static final String DLQ = "backbone.dlq.v1";
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    @Mixin
    StackOptions options;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "500", description = "Customers in the workload (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--events", paramLabel = "N", defaultValue = "10000", description = "Events to publish (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "2000", description = "Target events per second (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--projection-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for the shards to reflect the ledger (default ${DEFAULT-VALUE}).")
    long projectionTimeoutSeconds;

    @Spec
    CommandSpec spec;

    private PrintWriter out;
    private Instant start;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        start = Instant.now();
        LocalStack stack = options.open(true);
        StackLayout layout = stack.layout();

        step("1/8 stack: bringing up Kafka, PostgreSQL shards, warehouse, Redis");
        stack.up(line -> step("    " + line));
        BackboneApps apps = new BackboneApps(stack, AppsSettings.DEFAULTS);
        step("2/8 streams app: topology + shard sink + index sink");
        apps.startStreamsApp(0);
        step("3/8 query service on http://127.0.0.1:" + layout.queryServicePort());
        apps.startQueryService();

        long dlqBefore = dlqRecords(stack);
        step(String.format("4/8 load: %,d events for %,d customers at %,.0f/s", events, customers, rate));
        LoadSummary load = publish(layout);
        ExpectedState expected = LedgerFold.fold(Ledger.read(load.ledger()).entries());
        step(String.format("    %,d acknowledged (%,d buffered first), ledger %s", load.progress().acknowledged(),
                load.progress().buffered(), load.ledger()));

        step("5/8 projection: waiting until every ledgered customer and order is in its shard at the ledger's version");
        ProjectionCheck.Progress projected = awaitProjection(new ProjectionCheck(layout), expected);

        step("6/8 reconcile: Redis index against the shards (repairing only if drift is found)");
        Reconciler reconciler = new Reconciler(ReconcileCommand.settings(layout, IndexKeys.DEFAULT_PREFIX), line -> step("    " + line));
        ReconReport recon = reconciler.run(false);
        if (!recon.discrepancies().isEmpty()) {
            recon = reconciler.run(true);
        }

        step("7/8 etl: shards into the warehouse star schema");
        EtlReport etl = new BatchEtl(EtlCommand.settings(layout, 4), line -> step("    " + line)).run(EtlMode.INCREMENTAL);

        step("8/8 summary");
        String email = expected.customers().values().stream().filter(c -> !c.deleted() && c.email() != null)
                .map(ExpectedState.Customer::email).findFirst().orElse("nobody@example.test");
        String order = expected.orders().keySet().stream().findFirst().orElse("none");
        out.printf("  events        published %,d, acknowledged %,d, dead-lettered %,d%n", load.progress().published(),
                load.progress().acknowledged(), dlqRecords(stack) - dlqBefore);
        out.printf("  projection    customers %,d/%,d, orders %,d/%,d, payments %,d/%,d at the ledger's versions%s%n",
                projected.customersMatched(), projected.customers(), projected.ordersMatched(), projected.orders(),
                projected.paymentsMatched(), projected.payments(), projected.complete() ? "" : "  (INCOMPLETE)");
        out.printf("  reconcile     %,d index entries checked, %d discrepancies, %d unrepaired (run %d)%n", recon.entriesChecked(),
                recon.discrepancies().size(), recon.unrepaired(), recon.runId());
        out.printf("  warehouse     %s%n", warehouseCounts(layout));
        out.printf("  etl           %,d source rows in %d ms%n", etl.totalRows(), etl.duration().toMillis());
        out.printf("  query         GET /customers?email=%s -> %s%n", email, apps.query("/customers?email=" + email, QUERY_TIMEOUT).summary());
        out.printf("  query         GET /orders/%s -> %s%n", order, apps.query("/orders/" + order, QUERY_TIMEOUT).summary());
        out.printf("  query         GET /orders?status=PAID&limit=3 -> %s%n", apps.query("/orders?status=PAID&limit=3", QUERY_TIMEOUT).summary());
        out.printf("%nThe stack and apps keep running. Try:%n"
                + "  curl -i 'http://127.0.0.1:%d/customers?email=%s'%n"
                + "  ./backbone status | ./backbone reconcile | ./backbone etl%n"
                + "  psql -h 127.0.0.1 -p %d -U backbone backbone -c 'SELECT * FROM agg_daily_revenue LIMIT 10'%n"
                + "  ./backbone down   (stops everything, apps included)%n", layout.queryServicePort(), email, layout.warehousePort());
        out.flush();
        return projected.complete() && recon.unrepaired() == 0 ? 0 : 1;
    }

    private LoadSummary publish(StackLayout layout) throws InterruptedException {
        Path runtime = layout.runtimeDir().resolve("demo");
        String prefix = "demo-" + Long.toString(System.currentTimeMillis(), 36);
        LoadSpec spec = LoadSpec.builder().customers(customers).ratePerSecond(rate).maxEvents(events)
                .maxDuration(Duration.ofMinutes(10)).idPrefix(prefix).ledger(runtime.resolve("ledger-" + prefix + ".tsv")).build();
        PublisherConfig config = PublisherConfig.builder().bootstrapServers(layout.bootstrapServers()).clientId("demo-load")
                .source(LoadGenerator.SOURCE).journal(JournalConfig.defaults(runtime.resolve("journal"))).build();
        try (EventPublisher publisher = EventPublisher.builder(config).build()) {
            return LoadGenerator.of(EventSink.of(publisher, config)).run(spec, p -> step(String.format(
                    "    published %,d  acknowledged %,d  failed %,d", p.published(), p.acknowledged(), p.failed())));
        }
    }

    private ProjectionCheck.Progress awaitProjection(ProjectionCheck check, ExpectedState expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(projectionTimeoutSeconds);
        ProjectionCheck.Progress progress = check.check(expected);
        while (!progress.complete() && Instant.now().isBefore(deadline)) {
            step(String.format("    customers %,d/%,d  orders %,d/%,d  payments %,d/%,d", progress.customersMatched(),
                    progress.customers(), progress.ordersMatched(), progress.orders(), progress.paymentsMatched(), progress.payments()));
            TimeUnit.SECONDS.sleep(2);
            progress = check.check(expected);
        }
        step(progress.complete() ? "    all projected" : "    NOT all projected within " + projectionTimeoutSeconds + " s");
        return progress;
    }

    private static long dlqRecords(LocalStack stack) throws Exception {
        try (Admin admin = stack.kafka().admin()) {
            int partitions = admin.describeTopics(List.of(DLQ)).allTopicNames().get(10, TimeUnit.SECONDS).get(DLQ).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(DLQ, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    private static String warehouseCounts(StackLayout layout) throws Exception {
        StringBuilder counts = new StringBuilder();
        try (Connection c = DriverManager.getConnection(layout.warehouseJdbcUrl(), StackLayout.DATABASE_USER, "");
             Statement s = c.createStatement()) {
            for (String table : List.of("dim_customer", "fact_order", "fact_payment", "agg_daily_revenue")) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.append(table).append(' ').append(String.format("%,d", rs.getLong(1))).append("  ");
                }
            }
        }
        return counts.toString().strip();
    }

    private void step(String line) {
        out.printf("[%5.1fs] %s%n", Duration.between(start, Instant.now()).toMillis() / 1000.0, line);
        out.flush();
    }
}
