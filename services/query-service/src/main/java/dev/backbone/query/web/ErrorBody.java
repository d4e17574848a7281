package dev.backbone.query.web;

/**
 * The JSON body of every error response.
 *
 * @param error machine-readable code: {@code invalid_request}, {@code not_found}, {@code shard_unavailable}
 * @param message what went wrong, for humans
 * @param parameter the offending request parameter ({@code invalid_request} only)
 * @param shard the shard that did not answer ({@code shard_unavailable} only), e.g. {@code shard_1}
 */
public record ErrorBody(String error, String message, String parameter, String shard) {

  static ErrorBody of(String error, String message) {
    return new ErrorBody(error, message, null, null);
  }
}
