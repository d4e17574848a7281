package dev.backbone.query.web;

import dev.backbone.query.Answer;
import dev.backbone.query.Order;
import dev.backbone.query.OrderCursor;
import dev.backbone.query.OrderPage;
import dev.backbone.query.QueryInput;
import dev.backbone.query.QueryPath;
import dev.backbone.query.lookup.CustomerLookup;
import dev.backbone.query.lookup.OrderListing;
import dev.backbone.query.lookup.OrderLookup;
import dev.backbone.query.metrics.MicrometerQueryMetrics;
import dev.backbone.sharding.ShardId;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP API (see {@code /openapi.yaml}). Parameters are validated by {@link QueryInput} before any
 * look-up runs; every answer carries {@value #PATH_HEADER}.
 */
@RestController
public class QueryController {

  /** Says how the answer was produced: {@code index}, {@code scatter} or {@code shard}. */
  public static final String PATH_HEADER = "X-Backbone-Path";

  private final CustomerLookup customers;
  private final OrderLookup orders;
  private final OrderListing listings;
  private final MicrometerQueryMetrics metrics;

  public QueryController(CustomerLookup customers, OrderLookup orders, OrderListing listings,
      MicrometerQueryMetrics metrics) {
    this.customers = customers;
    this.orders = orders;
    this.listings = listings;
    this.metrics = metrics;
  }

  @GetMapping("/customers/{id}")
  public ResponseEntity<?> customer(@PathVariable("id") String rawId) {
    return timed("customer_by_id", () -> {
      String id = QueryInput.customerId(rawId);
      return point(customers.byId(id), "no customer with id '" + id + "'");
    });
  }

  @GetMapping("/customers")
  public ResponseEntity<?> customerByEmail(@RequestParam(name = "email", required = false) String rawEmail) {
    return timed("customer_by_email", () -> {
      String email = QueryInput.email(rawEmail);
      return point(customers.byEmail(email), "no customer with e-mail '" + email + "'");
    });
  }

  @GetMapping("/orders/{orderId}")
  public ResponseEntity<?> order(@PathVariable("orderId") String rawId) {
    return timed("order_by_id", () -> {
      String id = QueryInput.orderId(rawId);
      return point(orders.byId(id), "no order with id '" + id + "'");
    });
  }

  @GetMapping("/orders")
  public ResponseEntity<?> ordersByStatus(@RequestParam(name = "status", required = false) String rawStatus,
      @RequestParam(name = "limit", required = false) String rawLimit,
      @RequestParam(name = "before", required = false) String rawBefore) {
    return timed("orders_by_status", () -> {
      String status = QueryInput.orderStatus(rawStatus);
      int limit = QueryInput.limit(rawLimit);
      OrderCursor before = QueryInput.before(rawBefore);
      return page(listings.byStatus(status, before, limit));
    });
  }

  @GetMapping("/customers/{id}/orders")
  public ResponseEntity<?> ordersOfCustomer(@PathVariable("id") String rawId,
      @RequestParam(name = "limit", required = false) String rawLimit,
      @RequestParam(name = "before", required = false) String rawBefore) {
    return timed("orders_of_customer", () -> {
      String id = QueryInput.customerId(rawId);
      int limit = QueryInput.limit(rawLimit);
      OrderCursor before = QueryInput.before(rawBefore);
      return page(listings.ofCustomer(id, before, limit));
    });
  }

  private static <T> ResponseEntity<?> point(Answer<T> answer, String notFound) {
    ResponseEntity.BodyBuilder builder = answer.value().isPresent() ? ResponseEntity.ok()
        : ResponseEntity.status(HttpStatus.NOT_FOUND);
    builder.header(PATH_HEADER, answer.path().headerValue());
    return answer.value().<ResponseEntity<?>>map(builder::body)
        .orElseGet(() -> builder.body(ErrorBody.of("not_found", notFound)));
  }

  private static ResponseEntity<?> page(OrderPage page) {
    return ResponseEntity.ok().header(PATH_HEADER, page.path().headerValue()).body(new PageBody(page.orders(),
        page.nextCursor().map(OrderCursor::encode).orElse(null), page.partial(),
        page.missingShards().stream().map(ShardId::dataSourceName).toList()));
  }

  private ResponseEntity<?> timed(String endpoint, Supplier<ResponseEntity<?>> handler) {
    long start = System.nanoTime();
    QueryPath path = null;
    String outcome = "error";
    try {
      ResponseEntity<?> response = handler.get();
      String header = response.getHeaders().getFirst(PATH_HEADER);
      path = header == null ? null : QueryPath.valueOf(header.toUpperCase(java.util.Locale.ROOT));
      outcome = Integer.toString(response.getStatusCode().value());
      return response;
    } finally {
      metrics.latency(endpoint, path, outcome, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /**
   * A listing page on the wire.
   *
   * @param orders newest first
   * @param nextCursor pass as {@code before} for the next page; null at the end
   * @param partial true when a shard did not answer
   * @param missingShards the shards that did not answer, e.g. {@code shard_1}
   */
  public record PageBody(List<Order> orders, String nextCursor, boolean partial, List<String> missingShards) {
  }
}
