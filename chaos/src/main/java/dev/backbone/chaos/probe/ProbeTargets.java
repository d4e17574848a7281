package dev.backbone.chaos.probe;

import dev.backbone.contracts.DomainTopic;
import dev.backbone.loadgen.ledger.LedgerEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the ledger says the backbone may answer: which customers ever had an e-mail, which customer
 * owns an order. An answer outside these facts is wrong, whatever its freshness.
 */
final class ProbeTargets {

    private final List<String> customers;
    private final List<String> emails;
    private final Map<String, Set<String>> holdersByEmail;
    private final List<String> orders;
    private final Map<String, String> ownerByOrder;

    private ProbeTargets(List<String> customers, Map<String, Set<String>> holdersByEmail, Map<String, String> ownerByOrder) {
        this.customers = customers;
        this.holdersByEmail = holdersByEmail;
        this.emails = List.copyOf(holdersByEmail.keySet());
        this.ownerByOrder = ownerByOrder;
        this.orders = List.copyOf(ownerByOrder.keySet());
    }

    static ProbeTargets none() {
        return new ProbeTargets(List.of(), Map.of(), Map.of());
    }

    static ProbeTargets of(List<LedgerEntry> entries) {
        Set<String> customers = new HashSet<>();
        Map<String, Set<String>> holders = new HashMap<>();
        Map<String, String> owners = new HashMap<>();
        for (LedgerEntry entry : entries) {
            customers.add(entry.customerId());
            if (entry.email() != null) {
                holders.computeIfAbsent(entry.email().toLowerCase(Locale.ROOT), e -> new HashSet<>()).add(entry.customerId());
            }
            if (entry.type().topic() == DomainTopic.ORDERS) {
                owners.put(entry.entityId(), entry.customerId());
            }
        }
        return new ProbeTargets(new ArrayList<>(customers), holders, owners);
    }

    List<String> customers() {
        return customers;
    }

    List<String> emails() {
        return emails;
    }

    List<String> orders() {
        return orders;
    }

    /** Customers that had {@code email} at some point (lower-case). */
    Set<String> holdersOf(String email) {
        return holdersByEmail.getOrDefault(email.toLowerCase(Locale.ROOT), Set.of());
    }

    String ownerOf(String orderId) {
        return ownerByOrder.get(orderId);
    }
}
