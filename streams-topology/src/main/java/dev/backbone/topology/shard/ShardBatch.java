package dev.backbone.topology.shard;

import dev.backbone.topology.CustomerState;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OrderState;
import dev.backbone.topology.PaymentState;
import dev.backbone.topology.Versioned;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows one shard receives from a batch of changes, collapsed to the newest version per row:
 * fewer statements, and never two updates of one row in one statement.
 */
public final class ShardBatch {

  private final Map<String, CustomerState> customers = new LinkedHashMap<>();
  private final Map<String, OrderState> orders = new LinkedHashMap<>();
  private final Map<String, PaymentState> payments = new LinkedHashMap<>();

  /** Adds a customer change. */
  public void addCustomer(EntityChange<CustomerState> change) {
    addCustomerRow(ShardRows.customer(change));
  }

  /** Adds an order change. */
  public void addOrder(EntityChange<OrderState> change) {
    addOrderRow(ShardRows.order(change));
  }

  /** Adds a payment change. */
  public void addPayment(EntityChange<PaymentState> change) {
    addPaymentRow(ShardRows.payment(change));
  }

  /** Adds a customer row already derived ({@link ShardRows}), e.g. from the fold's stored state. */
  public void addCustomerRow(CustomerState row) {
    customers.merge(row.customerId(), row, ShardBatch::newer);
  }

  /** Adds an order row already derived ({@link ShardRows}), e.g. from the fold's stored state. */
  public void addOrderRow(OrderState row) {
    orders.merge(row.customerId() + '\u0000' + row.orderId(), row, ShardBatch::newer);
  }

  /** Adds a payment row already derived ({@link ShardRows}), e.g. from the fold's stored state. */
  public void addPaymentRow(PaymentState row) {
    payments.merge(row.customerId() + '\u0000' + row.paymentId(), row, ShardBatch::newer);
  }

  /** The customer rows, newest version per customer. */
  public Collection<CustomerState> customers() {
    return List.copyOf(customers.values());
  }

  /** The order rows, newest version per order. */
  public Collection<OrderState> orders() {
    return List.copyOf(orders.values());
  }

  /** The payment rows, newest version per payment. */
  public Collection<PaymentState> payments() {
    return List.copyOf(payments.values());
  }

  /** Rows in the batch. */
  public int size() {
    return customers.size() + orders.size() + payments.size();
  }

  private static <S extends Versioned> S newer(S a, S b) {
    return a.version() >= b.version() ? a : b;
  }
}
