package dev.backbone.topology.app;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /**
   * Sums of the samples whose name contains {@code nameFragment}, by the value of their label
   * {@code label} (samples without it are left out): e.g. the dead letters of all tasks by reason.
   */
  static Map<String, Double> sumsBy(String exposition, String nameFragment, String label) {
    Pattern labelValue = Pattern.compile("[{,]" + Pattern.quote(label) + "=\"([^\"]*)\"");
    Map<String, Double> sums = new TreeMap<>();
    for (String line : exposition.split("\n")) {
      int brace = line.indexOf('{');
      if (line.startsWith("#") || brace < 0 || !line.substring(0, brace).contains(nameFragment)) {
        continue;
      }
      int end = line.lastIndexOf('}');
      Matcher matcher = labelValue.matcher(line.substring(brace, end + 1));
      if (matcher.find()) {
        sums.merge(matcher.group(1), Double.parseDouble(line.substring(end + 1).trim().split(" ")[0]), Double::sum);
      }
    }
    return sums;
  }
}
