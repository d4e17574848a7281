package dev.backbone.chaos.probe;

import dev.backbone.contracts.DomainTopic;
import dev.backbone.loadgen.ledger.LedgerEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * What the ledger says the backbone may answer: which customers ever had an e-mail, which customer
 * owns an order. An answer outside these facts is wrong, whatever its freshness. Grows as the
 * ledger grows ({@link #add}); thread-safe.
 */
final class ProbeTargets {

    private final Set<String> knownCustomers = new HashSet<>();
    private final List<String> customers = new ArrayList<>();
    private final List<String> emails = new ArrayList<>();
    private final Map<String, Set<String>> holdersByEmail = new HashMap<>();
    private final List<String> orders = new ArrayList<>();
    private final Map<String, String> ownerByOrder = new HashMap<>();

    static ProbeTargets of(List<LedgerEntry> entries) {
        ProbeTargets targets = new ProbeTargets();
        targets.add(entries);
        return targets;
    }

    synchronized void add(List<LedgerEntry> entries) {
        for (LedgerEntry entry : entries) {
            if (knownCustomers.add(entry.customerId())) {
                customers.add(entry.customerId());
            }
            if (entry.email() != null) {
                String email = entry.email().toLowerCase(Locale.ROOT);
                if (!holdersByEmail.containsKey(email)) {
                    emails.add(email);
                }
                holdersByEmail.computeIfAbsent(email, e -> new HashSet<>()).add(entry.customerId());
            }
            if (entry.type().topic() == DomainTopic.ORDERS && ownerByOrder.put(entry.entityId(), entry.customerId()) == null) {
                orders.add(entry.entityId());
            }
        }
    }

    synchronized List<String> customers() {
        return List.copyOf(customers);
    }

    synchronized List<String> orders() {
        return List.copyOf(orders);
    }

    /** A random customer that {@code which} accepts, if any (tries a bounded number of picks). */
    synchronized Optional<String> anyCustomer(Predicate<String> which) {
        return pick(customers, which);
    }

    synchronized Optional<String> anyEmail() {
        return pick(emails, e -> true);
    }

    synchronized Optional<String> anyOrder() {
        return pick(orders, o -> true);
    }

    private static Optional<String> pick(List<String> from, Predicate<String> which) {
        for (int attempt = 0; attempt < 64 && !from.isEmpty(); attempt++) {
            String candidate = from.get(ThreadLocalRandom.current().nextInt(from.size()));
            if (which.test(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Customers that had {@code email} at some point (any case). */
    synchronized Set<String> holdersOf(String email) {
        return Set.copyOf(holdersByEmail.getOrDefault(email.toLowerCase(Locale.ROOT), Set.of()));
    }

    synchronized String ownerOf(String orderId) {
        return ownerByOrder.get(orderId);
    }
}
