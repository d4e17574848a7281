package dev.backbone.topology.app;

/** Reads one sample out of a Prometheus text exposition, for assertions. */
final class PrometheusText {

  private PrometheusText() {
  }

  /**
   * The value of the sample {@code series} (name plus labels exactly as exposed, e.g.
   * {@code backbone_sink_pending{sink="index"}}).
   *
   * @throws AssertionError when the exposition has no such sample
   */
  static double value(String exposition, String series) {
    for (String line : exposition.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
      }
    }
    throw new AssertionError("no sample " + series + " in /metrics:\n" + exposition);
  }
}
