package dev.backbone.query.web;

import dev.backbone.query.InvalidQueryException;
import dev.backbone.query.ShardUnavailableException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps the look-ups' designed failures to HTTP: bad input 400, a needed shard down 503. */
@RestControllerAdvice
public class QueryErrorHandler {

  @ExceptionHandler(InvalidQueryException.class)
  ResponseEntity<ErrorBody> invalid(InvalidQueryException e) {
    return ResponseEntity.badRequest().body(new ErrorBody("invalid_request", e.getMessage(), e.parameter(), null));
  }

  @ExceptionHandler(ShardUnavailableException.class)
  ResponseEntity<ErrorBody> shardDown(ShardUnavailableException e) {
    String shard = e.shard().dataSourceName();
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(new ErrorBody(
        "shard_unavailable", shard + " holds this data and did not answer; retry shortly (" + e.getMessage() + ")",
        null, shard));
  }
}
