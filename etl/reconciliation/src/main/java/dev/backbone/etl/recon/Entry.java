package dev.backbone.etl.recon;

/** One index entry: a relative key (without the prefix) and its value. */
record Entry(IndexFamily family, String key, String value) {
}
