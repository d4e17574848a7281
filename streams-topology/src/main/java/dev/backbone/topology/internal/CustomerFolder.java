package dev.backbone.topology.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backbone.contracts.EventEnvelope;
import dev.backbone.topology.CustomerState;

/** Folds customer events into {@link CustomerState}, keyed by customer id. */
public final class CustomerFolder implements EntityFolder<CustomerState> {

  @Override
  public String entityKey(EventEnvelope event) {
    return event.subject().value();
  }

  @Override
  public CustomerState apply(CustomerState current, EventEnvelope event) {
    return event.readData(data -> fold(current, event, data));
  }

  /** The fold, reading the event's data in place (it only reads: no copy needed). */
  private static CustomerState fold(CustomerState current, EventEnvelope event, JsonNode data) {
    long version = event.sequence().value();
    String id = event.subject().value();
    switch (event.type()) {
      case CUSTOMER_REGISTERED -> {
        boolean isNew = current == null || current.deleted();
        return new CustomerState(id, data.path("email").asText(), data.path("fullName").asText(), false, version,
            isNew ? event.time() : current.createdAt(), event.time());
      }
      case CUSTOMER_PROFILE_CHANGED -> {
        if (absent(current)) {
          return null;
        }
        String name = data.hasNonNull("fullName") ? data.get("fullName").asText() : current.fullName();
        return new CustomerState(id, current.email(), name, false, version, current.createdAt(), event.time());
      }
      case CUSTOMER_EMAIL_CHANGED -> {
        if (absent(current)) {
          return null;
        }
        return new CustomerState(id, data.path("email").asText(), current.fullName(), false, version,
            current.createdAt(), event.time());
      }
      case CUSTOMER_DELETED -> {
        if (absent(current)) {
          return null;
        }
        return new CustomerState(id, current.email(), current.fullName(), true, version, current.createdAt(),
            event.time());
      }
      default -> throw new IllegalArgumentException("not a customer event: " + event.type().ceType());
    }
  }

  @Override
  public boolean isDeleted(CustomerState state) {
    return state.deleted();
  }

  private static boolean absent(CustomerState current) {
    return current == null || current.deleted();
  }
}
