package dev.backbone.chaos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backbone.chaos.apps.QueryAnswer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The global look-ups {@code bench query} times: each makes a request for a random customer or
 * order of the {@link QueryDataset} and checks the answer names exactly what was asked for.
 */
enum LookupKind {

    /** {@code GET /customers?email=…}: index e-mail → customer id → owning shard, or every shard by e-mail. */
    EMAIL {
        @Override
        Lookup next(QueryDataset data, RandomGenerator random) {
            int customer = random.nextInt(data.customers());
            return new Lookup("/customers?email=" + URLEncoder.encode(QueryDataset.email(customer), StandardCharsets.UTF_8),
                    QueryDataset.customerId(customer));
        }

        @Override
        boolean answers(JsonNode body, Lookup lookup, QueryDataset data) {
            return lookup.expected().equals(body.path("customerId").asText());
        }
    },

    /** {@code GET /orders/{id}}: index order id → customer id → owning shard, or every shard by order id. */
    ORDER {
        @Override
        Lookup next(QueryDataset data, RandomGenerator random) {
            String orderId = data.orderId(random.nextInt(data.orders()));
            return new Lookup("/orders/" + URLEncoder.encode(orderId, StandardCharsets.UTF_8), orderId);
        }

        @Override
        boolean answers(JsonNode body, Lookup lookup, QueryDataset data) {
            return lookup.expected().equals(body.path("orderId").asText());
        }
    },

    /** {@code GET /orders?status=PAID&limit=50}: the index's sorted set + rows from their shards, or a merge of every shard's newest. */
    LISTING {
        @Override
        Lookup next(QueryDataset data, RandomGenerator random) {
            return new Lookup("/orders?status=" + LISTED_STATUS + "&limit=" + PAGE, data.newestOrderId(LISTED_STATUS));
        }

        @Override
        boolean answers(JsonNode body, Lookup lookup, QueryDataset data) {
            JsonNode orders = body.path("orders");
            return !body.path("partial").asBoolean(true)
                    && orders.size() == Math.min(PAGE, data.ordersWithStatus(LISTED_STATUS))
                    && lookup.expected().equals(orders.path(0).path("orderId").asText());
        }
    },

    /**
     * {@code GET /actuator/health/liveness}: no dependency at all, so its latency is the floor every
     * look-up stands on — the client, Tomcat, Spring MVC and Jackson on this machine — measured in the
     * same run as the look-ups; whatever a look-up costs above it is the look-up's own.
     */
    HTTP_FLOOR {
        @Override
        Lookup next(QueryDataset data, RandomGenerator random) {
            return new Lookup("/actuator/health/liveness", "UP");
        }

        @Override
        boolean answers(JsonNode body, Lookup lookup, QueryDataset data) {
            return lookup.expected().equals(body.path("status").asText());
        }

        @Override
        boolean isLookup() {
            return false;
        }
    };

    static final String LISTED_STATUS = "PAID";
    static final int PAGE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A request and what its answer must name.
     *
     * @param pathAndQuery the request
     * @param expected the customer id or order id the answer must carry (for a listing: its first order)
     */
    record Lookup(String pathAndQuery, String expected) {
    }

    /** The next request, for a random customer or order. */
    abstract Lookup next(QueryDataset data, RandomGenerator random);

    abstract boolean answers(JsonNode body, Lookup lookup, QueryDataset data);

    /** Whether {@code answer} is a 200 whose body is exactly what {@code lookup} asked for. */
    boolean isCorrect(QueryAnswer answer, Lookup lookup, QueryDataset data) {
        if (answer.status() != 200) {
            return false;
        }
        try {
            return answers(JSON.readTree(answer.body()), lookup, data);
        } catch (IOException e) {
            return false;
        }
    }

    /** Lower-case name for the report. */
    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A global look-up, answered via the index or scatter path (and saying so); false for the floor. */
    boolean isLookup() {
        return true;
    }
}
