package dev.backbone.query.index;

/** Removes stale index entries that queries found, without racing the index sink. */
public interface IndexRepairs {

  /**
   * Removes the entry if Redis still holds what the query saw (the string's value, the member's
   * score); a changed entry is left to whoever changed it.
   *
   * @return whether it was removed
   */
  boolean removeIfUnchanged(StaleEntry entry);
}
