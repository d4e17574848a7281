package dev.backbone.etl.recon;

import java.util.List;

/** Where a check learns which of its units are still to do, and hands each one it finishes. */
interface UnitSink {

    /** Whether {@code unit} still needs doing: false when an earlier attempt of the run recorded it. */
    boolean pending(ReconUnit unit);

    /**
     * Records a finished unit — its progress and its discrepancies, in one warehouse transaction —
     * before the check starts the next one.
     */
    void finished(ReconUnit unit, long entriesChecked, int segmentsDiffering, List<Discrepancy> discrepancies);
}
