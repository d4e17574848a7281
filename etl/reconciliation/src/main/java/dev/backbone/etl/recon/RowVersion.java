package dev.backbone.etl.recon;

/** What the log check compares of a row or a change: the aggregate version, and whether it is a deletion. */
record RowVersion(long version, boolean deleted) {

    /** {@code <version>:<deleted>}, e.g. {@code 7:false}: the digest value, as {@link EntityFamily}'s SQL builds it. */
    String text() {
        return version + ":" + deleted;
    }
}
