package dev.backbone.topology.fuzz;

import dev.backbone.contracts.codec.EncodedEvent;
import dev.backbone.topology.FoldRejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A seeded fuzz run: valid customer and order events with malformed records interleaved, and the
 * rows the valid ones must fold to. Per customer {@code <run>-c<i>}: registered (sequence 1), e-mail
 * changed (3), order {@code <run>-c<i>-o1} placed (1) and paid (2) — these must end in the shards
 * as customer v3 with the new e-mail and order v2 PAID. Between them, in the same partitions (same
 * key): malformed records made by cycling through every {@link Mutation} of a random one of the
 * customer's valid events, and one fold-level rejection per customer: an e-mail change with
 * sequence 2 after 3 ({@code SEQUENCE_BEHIND}: the row must stay at v3), or a change of an order
 * never placed or of a customer never registered ({@code ENTITY_NOT_FOUND}: no row may appear).
 *
 * <p>Records must be written in list order; only the order within a key matters (sequence 2 after 3).
 */
public final class FuzzPlan {

  private final long seed;
  private final List<FuzzRecord> records;
  private final Map<String, String> customers;
  private final Map<String, String> orders;

  private FuzzPlan(long seed, List<FuzzRecord> records, Map<String, String> customers, Map<String, String> orders) {
    this.seed = seed;
    this.records = List.copyOf(records);
    this.customers = Collections.unmodifiableMap(customers);
    this.orders = Collections.unmodifiableMap(orders);
  }

  /**
   * Generates a plan.
   *
   * @param run prefix of every customer and order id (unique per run)
   * @param seed the seed of every random choice: the same seed gives the same records byte for byte
   * @param customerCount customers with valid events; also the number of fold-level rejections
   * @param malformedCount malformed records in all, more than {@code customerCount}
   * @param maxRecordBytes the topology's {@code max-record-bytes}, for {@link Mutation#OVERSIZED}
   * @param time the event time of every event
   */
  public static FuzzPlan generate(String run, long seed, int customerCount, int malformedCount, int maxRecordBytes,
      Instant time) {
    if (malformedCount <= customerCount) {
      throw new IllegalArgumentException("malformedCount must be > customerCount (" + customerCount + ") but was "
          + malformedCount);
    }
    Random random = new Random(seed);
    ValidEvents events = new ValidEvents(random, time);
    Mutation[] mutations = Mutation.values();
    int codecLevel = malformedCount - customerCount;
    int nextMutation = 0;
    List<FuzzRecord> records = new ArrayList<>();
    Map<String, String> customers = new LinkedHashMap<>();
    Map<String, String> orders = new LinkedHashMap<>();
    for (int i = 0; i < customerCount; i++) {
      String customer = run + "-c" + i;
      String order = customer + "-o1";
      String email = customer + "@example.com";
      String newEmail = customer + "-2@example.com";
      List<EncodedEvent> valid = List.of(events.registered(customer, 1, email),
          events.emailChanged(customer, 3, email, newEmail), events.orderPlaced(customer, order, 1),
          events.orderPaid(customer, order, 2));
      List<FuzzRecord> sequence = new ArrayList<>(valid.stream().map(FuzzPlan::folded).toList());
      // the fold-level rejection right after the e-mail change (index 1) or at the end
      if (i % 2 == 0) {
        sequence.add(2, rejected(events.emailChanged(customer, 2, email, customer + "-stale@example.com"),
            FoldRejection.SEQUENCE_BEHIND, "e-mail change with sequence 2 after 3"));
      } else if (i % 4 == 1) {
        sequence.add(rejected(events.orderPaid(customer, customer + "-never-placed", 2),
            FoldRejection.ENTITY_NOT_FOUND, "order paid that was never placed"));
      } else {
        String ghost = run + "-ghost" + i;
        sequence.add(rejected(events.emailChanged(ghost, 2, ghost + "@example.com", ghost + "-2@example.com"),
            FoldRejection.ENTITY_NOT_FOUND, "e-mail change of a customer never registered"));
      }
      int quota = codecLevel / customerCount + (i < codecLevel % customerCount ? 1 : 0);
      for (int k = 0; k < quota; k++) {
        Mutation mutation = mutations[nextMutation++ % mutations.length];
        FuzzRecord bad = mutation.apply(valid.get(random.nextInt(valid.size())), random, maxRecordBytes);
        sequence.add(random.nextInt(sequence.size() + 1), bad);
      }
      records.addAll(sequence);
      customers.put(customer, "v3 " + newEmail);
      orders.put(order, customer + " v2 PAID");
    }
    return new FuzzPlan(seed, records, customers, orders);
  }

  private static FuzzRecord folded(EncodedEvent event) {
    return new FuzzRecord(event.topic(), event.key(), event.headers(), event.value(), Set.of(), "valid");
  }

  private static FuzzRecord rejected(EncodedEvent event, FoldRejection reason, String label) {
    return new FuzzRecord(event.topic(), event.key(), event.headers(), event.value(), Set.of(reason.name()),
        reason.name() + " " + label);
  }

  /** The seed this plan was generated from: print it, so a failure can be repeated. */
  public long seed() {
    return seed;
  }

  /** All records, valid and malformed, in the order they must be written. */
  public List<FuzzRecord> records() {
    return records;
  }

  /** The malformed records only, in order. */
  public List<FuzzRecord> malformed() {
    return records.stream().filter(FuzzRecord::malformed).toList();
  }

  /** Expected customer rows: id → {@code v<version> <e-mail>}. */
  public Map<String, String> customers() {
    return customers;
  }

  /** Expected order rows: order id → {@code <customer id> v<version> <status>}. */
  public Map<String, String> orders() {
    return orders;
  }
}
