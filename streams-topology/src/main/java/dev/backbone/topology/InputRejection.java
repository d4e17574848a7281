package dev.backbone.topology;

/**
 * Why the topology rejects a record the contracts' codec accepts, before de-duplication and fold.
 * Names are stable DLQ reasons and metric tags, like {@link FoldRejection}'s.
 */
public enum InputRejection {
  /**
   * The event's type belongs to another domain topic (an order event on the customers topic, a
   * payment event on the orders topic): no folder of this topic can apply it, and the codec
   * cannot tell, as it does not know where the record was read.
   */
  WRONG_TOPIC
}
