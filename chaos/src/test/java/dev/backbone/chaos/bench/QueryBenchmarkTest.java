package dev.backbone.chaos.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.chaos.apps.QueryAnswer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QueryBenchmarkTest {

    private final QueryDataset data = new QueryDataset(10, 3);

    @Test
    void shouldKnowTheNewestOrderAndCountOfEveryStatusWithoutReadingBack() {
        // 30 orders, statuses going round PLACED, PAID, SHIPPED, CANCELLED by order number
        assertThat(data.ordersWithStatus("PLACED")).isEqualTo(8);
        assertThat(data.ordersWithStatus("PAID")).isEqualTo(8);
        assertThat(data.ordersWithStatus("SHIPPED")).isEqualTo(7);
        assertThat(data.ordersWithStatus("CANCELLED")).isEqualTo(7);
        assertThat(data.newestOrderId("PAID")).isEqualTo("bq-o-9-2"); // order 29 (customer 9, its third) is PAID
        assertThat(data.newestOrderId("CANCELLED")).isEqualTo("bq-o-9-0"); // order 27
        assertThat(data.orderId(4)).isEqualTo("bq-o-1-1");
        assertThatThrownBy(() -> data.ordersWithStatus("LOST")).hasMessageContaining("unknown status LOST");
    }

    @Test
    void shouldAcceptOnlyAnAnswerNamingWhatWasAskedFor() {
        LookupKind.Lookup lookup = LookupKind.EMAIL.next(data, new Random(7));
        String customerId = lookup.expected();

        assertThat(lookup.pathAndQuery()).startsWith("/customers?email=bq-").contains("%40bench.example");
        assertThat(LookupKind.EMAIL.isCorrect(answer(200, "{\"customerId\":\"" + customerId + "\"}"), lookup, data)).isTrue();
        assertThat(LookupKind.EMAIL.isCorrect(answer(200, "{\"customerId\":\"bq-c-other\"}"), lookup, data)).isFalse();
        assertThat(LookupKind.EMAIL.isCorrect(answer(404, "{\"customerId\":\"" + customerId + "\"}"), lookup, data)).isFalse();
        assertThat(LookupKind.EMAIL.isCorrect(answer(200, "not json"), lookup, data)).isFalse();

        LookupKind.Lookup order = LookupKind.ORDER.next(data, new Random(7));
        assertThat(order.pathAndQuery()).isEqualTo("/orders/" + order.expected());
        assertThat(LookupKind.ORDER.isCorrect(answer(200, "{\"orderId\":\"" + order.expected() + "\"}"), order, data)).isTrue();
    }

    @Test
    void shouldAcceptOnlyAFullListingStartingWithTheNewestOrder() {
        QueryDataset many = new QueryDataset(100, 3); // 75 PAID orders: a full page of 50
        LookupKind.Lookup listing = LookupKind.LISTING.next(many, new Random(1));
        String newest = many.newestOrderId("PAID");

        assertThat(listing.pathAndQuery()).isEqualTo("/orders?status=PAID&limit=50");
        assertThat(LookupKind.LISTING.isCorrect(answer(200, page(newest, 50, false)), listing, many)).isTrue();
        assertThat(LookupKind.LISTING.isCorrect(answer(200, page(newest, 49, false)), listing, many)).isFalse();
        assertThat(LookupKind.LISTING.isCorrect(answer(200, page(newest, 50, true)), listing, many)).isFalse();
        assertThat(LookupKind.LISTING.isCorrect(answer(200, page("bq-o-0-0", 50, false)), listing, many)).isFalse();
    }

    @Test
    void shouldRejectSettingsNamingTheOption() {
        assertThatThrownBy(() -> new QueryBenchmark.Settings(10, 3, 5_000, 4, List.of(2, 4), WARM_UP)).hasMessageContaining("--customers");
        assertThatThrownBy(() -> new QueryBenchmark.Settings(10_000, 3, 5_000, 0, List.of(2, 4), WARM_UP)).hasMessageContaining("--concurrency");
        assertThatThrownBy(() -> new QueryBenchmark.Settings(10_000, 3, 5_000, 4, List.of(2, 17), WARM_UP)).hasMessageContaining("--shard-counts")
                .hasMessageContaining("17");
        assertThatThrownBy(() -> new QueryBenchmark.Settings(10_000, 3, 5_000, 4, List.of(), WARM_UP)).hasMessageContaining("--shard-counts");
        assertThatThrownBy(() -> new QueryBenchmark.Settings(10_000, 3, 5_000, 4, List.of(2), Duration.ofSeconds(-1)))
                .hasMessageContaining("--warm-up-seconds");
    }

    private static final Duration WARM_UP = Duration.ofSeconds(30);

    private static QueryAnswer answer(int status, String body) {
        return new QueryAnswer(status, "index", body, Duration.ofMillis(1));
    }

    private static String page(String first, int size, boolean partial) {
        StringBuilder orders = new StringBuilder("{\"orderId\":\"" + first + "\"}");
        for (int i = 1; i < size; i++) {
            orders.append(",{\"orderId\":\"x-").append(i).append("\"}");
        }
        return "{\"orders\":[" + orders + "],\"nextCursor\":null,\"partial\":" + partial + ",\"missingShards\":[]}";
    }
}
