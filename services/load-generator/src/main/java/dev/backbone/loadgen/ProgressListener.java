package dev.backbone.loadgen;

/** Receives progress of a load run, on the publishing thread: keep it quick. */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = progress -> { };

    /** Called every {@link LoadSpec#progressInterval()} while publishing, and once at the end. */
    void onProgress(LoadProgress progress);
}
