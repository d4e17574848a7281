package dev.backbone.etl.batch;

import java.time.Duration;
import java.util.List;

/** What a whole run loaded, per shard and pipeline. */
public record EtlReport(EtlMode mode, List<WindowResult> windows, Duration duration) {

    public EtlReport {
        windows = List.copyOf(windows);
    }

    public long totalRows() {
        return windows.stream().mapToLong(WindowResult::rows).sum();
    }
}
