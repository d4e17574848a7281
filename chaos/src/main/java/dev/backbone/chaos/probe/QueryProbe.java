package dev.backbone.chaos.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backbone.chaos.apps.BackboneApps;
import dev.backbone.chaos.apps.QueryAnswer;
import dev.backbone.chaos.probe.ProbeResult.Kind;
import dev.backbone.chaos.probe.ProbeResult.Outcome;
import dev.backbone.chaos.workload.Workload;
import dev.backbone.loadgen.ledger.LedgerEntry;
import dev.backbone.sharding.ShardRouter;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the query service about entities of the drill's ledger the whole time a drill runs and
 * judges every answer against the ledger: a row the ledger contradicts is a wrong answer. One
 * thread per look-up kind, and one per shard for look-ups by id, so a slow shard or a slow Redis
 * never starves the measurements of the unaffected paths. Results are kept (bounded) for the
 * timeline and the report.
 */
public final class QueryProbe implements AutoCloseable {

    /** Results kept at most; later ones are counted in {@link #dropped()} only. */
    public static final int MAX_RESULTS = 500_000;
    private static final Logger LOG = LoggerFactory.getLogger(QueryProbe.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TARGET_REFRESH = Duration.ofSeconds(2);

    private final BackboneApps apps;
    private final Workload workload;
    private final ShardRouter router;
    private final Duration interval;
    private final ObjectMapper json = new ObjectMapper();
    private final List<ProbeResult> results = new ArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final ExecutorService threads;
    private final ProbeTargets targets = new ProbeTargets();
    private int entriesSeen;
    private volatile boolean running = true;

    /** @param interval pause between two queries of one thread */
    public QueryProbe(BackboneApps apps, Workload workload, ShardRouter router, Duration interval) {
        this.apps = apps;
        this.workload = workload;
        this.router = router;
        this.interval = interval;
        this.threads = Executors.newFixedThreadPool(3 + router.allShards().size(), r -> {
            Thread thread = new Thread(r, "chaos-probe");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        threads.submit(() -> loop(this::refreshTargets, TARGET_REFRESH));
        threads.submit(() -> loop(this::probeEmail, interval));
        threads.submit(() -> loop(this::probeOrder, interval));
        for (int shard = 0; shard < router.allShards().size(); shard++) {
            int owned = shard;
            threads.submit(() -> loop(() -> probeCustomer(owned), interval));
        }
    }

    private void loop(Runnable step, Duration pause) {
        while (running) {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.warn("[chaos-probe] probe step failed", e);
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void refreshTargets() {
        List<LedgerEntry> entries = workload.ledgerEntries();
        targets.add(entries.subList(entriesSeen, entries.size()));
        entriesSeen = entries.size();
    }

    private void probeCustomer(int shard) {
        Optional<String> owned = targets.anyCustomer(id -> router.shardFor(id).index() == shard);
        if (owned.isEmpty()) {
            return;
        }
        String id = owned.get();
        judge(Kind.CUSTOMER_BY_ID, shard, "/customers/" + id, body -> id.equals(body.path("customerId").asText())
                ? null : "asked customer " + id + ", got " + body.path("customerId").asText());
    }

    private void probeEmail() {
        Optional<String> picked = targets.anyEmail();
        if (picked.isEmpty()) {
            return;
        }
        String email = picked.get();
        Set<String> holders = targets.holdersOf(email);
        int shard = holders.stream().findFirst().map(id -> router.shardFor(id).index()).orElse(-1);
        judge(Kind.CUSTOMER_BY_EMAIL, shard, "/customers?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8), body -> {
            String customer = body.path("customerId").asText();
            if (!email.equalsIgnoreCase(body.path("email").asText())) {
                return "asked e-mail " + email + ", got a row with e-mail " + body.path("email").asText();
            }
            return holders.contains(customer) ? null
                    : "e-mail " + email + " answered with customer " + customer + ", who never had it";
        });
    }

    private void probeOrder() {
        Optional<String> picked = targets.anyOrder();
        if (picked.isEmpty()) {
            return;
        }
        String order = picked.get();
        String owner = targets.ownerOf(order);
        judge(Kind.ORDER_BY_ID, router.shardFor(owner).index(), "/orders/" + order, body -> {
            if (!order.equals(body.path("orderId").asText())) {
                return "asked order " + order + ", got order " + body.path("orderId").asText();
            }
            return owner.equals(body.path("customerId").asText()) ? null
                    : "order " + order + " of " + owner + " answered with customer " + body.path("customerId").asText();
        });
    }

    /** Asks, then judges a 200 body with {@code contradiction} (null = agrees with the ledger). */
    private void judge(Kind kind, int shard, String request, Function<JsonNode, String> contradiction) {
        QueryAnswer answer = apps.query(request, QUERY_TIMEOUT);
        Outcome outcome;
        String detail = "";
        if (answer.status() == 200) {
            try {
                detail = contradiction.apply(json.readTree(answer.body()));
            } catch (IOException e) {
                detail = "unparseable 200 body: " + answer.body();
            }
            outcome = detail == null ? Outcome.OK : Outcome.WRONG;
            detail = detail == null ? "" : detail;
        } else if (answer.status() == 404) {
            outcome = Outcome.NOT_FOUND;
        } else if (answer.status() == 503 || answer.failed()) {
            outcome = Outcome.UNAVAILABLE;
            detail = answer.failed() ? answer.body() : "";
        } else {
            outcome = Outcome.ERROR;
            detail = "HTTP " + answer.status() + " for " + request + ": " + answer.body();
        }
        record(new ProbeResult(Instant.now(), kind, shard, outcome, answer.path(), answer.latency().toNanos() / 1_000, detail));
    }

    private synchronized void record(ProbeResult result) {
        if (results.size() < MAX_RESULTS) {
            results.add(result);
        } else {
            dropped.incrementAndGet();
        }
    }

    /** Every result so far, in arrival order. */
    public synchronized List<ProbeResult> results() {
        return List.copyOf(results);
    }

    /** The results after the first {@code seen}, in arrival order: what a poller has not seen yet. */
    public synchronized List<ProbeResult> resultsAfter(int seen) {
        return List.copyOf(results.subList(Math.min(seen, results.size()), results.size()));
    }

    /** Results that did not fit in {@link #MAX_RESULTS}. */
    public long dropped() {
        return dropped.get();
    }

    /** Stops asking; waits for the queries in flight. */
    @Override
    public void close() {
        running = false;
        threads.shutdownNow();
        try {
            threads.awaitTermination(QUERY_TIMEOUT.toSeconds() + 2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
