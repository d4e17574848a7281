package dev.backbone.query.guard;

/** A guarded call failed: the dependency threw, timed out, was full, or its circuit is open. */
public final class DependencyFailure extends RuntimeException {

  private final String dependency;

  public DependencyFailure(String dependency, Throwable cause) {
    super(dependency + " failed: " + cause, cause);
    this.dependency = dependency;
  }

  public String dependency() {
    return dependency;
  }
}
