package dev.backbone.stack;

import java.nio.file.Path;

/** A stack component did not come up (or down); names the component and the log to read. */
public final class ComponentFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String component;
    private final Path logFile;

    public ComponentFailedException(String component, Path logFile, String problem) {
        super(component + ": " + problem + (logFile == null ? "" : " (see " + logFile + ")"));
        this.component = component;
        this.logFile = logFile;
    }

    public String component() {
        return component;
    }

    public Path logFile() {
        return logFile;
    }
}
