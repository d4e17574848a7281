package dev.backbone.query;

/** Bad input: the message says which parameter and why. Thrown before any database is touched. */
public final class InvalidQueryException extends RuntimeException {

  private final String parameter;

  public InvalidQueryException(String parameter, String message) {
    super(message);
    this.parameter = parameter;
  }

  /** The offending parameter, e.g. {@code email}. */
  public String parameter() {
    return parameter;
  }
}
