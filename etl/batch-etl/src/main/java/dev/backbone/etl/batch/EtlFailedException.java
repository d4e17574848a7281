package dev.backbone.etl.batch;

import java.util.List;

/** Some windows failed; the others committed. Each failure is also a FAILED row in etl_run. */
public final class EtlFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient EtlReport partial;

    public EtlFailedException(EtlReport partial, List<String> failures) {
        super(failures.size() + " ETL window(s) failed: " + String.join("; ", failures));
        this.partial = partial;
    }

    /** What did load before or beside the failures. */
    public EtlReport partial() {
        return partial;
    }
}
