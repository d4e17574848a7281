package dev.backbone.sdk;

/** Producer compression codecs the SDK allows ({@code compression.type}). */
public enum Compression {
  /** Best ratio; the default. */
  ZSTD("zstd"),
  /** Lowest CPU. */
  LZ4("lz4");

  private final String kafkaName;

  Compression(String kafkaName) {
    this.kafkaName = kafkaName;
  }

  /** The value of Kafka's {@code compression.type}. */
  public String kafkaName() {
    return kafkaName;
  }
}
