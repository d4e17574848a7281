package dev.backbone.chaos.apps;

import java.time.Duration;

/**
 * One HTTP answer of the query service.
 *
 * @param status the HTTP status, or 0 when no answer came (connection refused, timeout)
 * @param path the {@code X-Backbone-Path} header ({@code index}, {@code scatter}, {@code shard}), or "" when absent
 * @param body the body, or the failure's message when {@code status} is 0
 * @param latency from sending the request to the whole body
 */
public record QueryAnswer(int status, String path, String body, Duration latency) {

    /** One line for a person: status, path and the body's start. */
    public String summary() {
        if (failed()) {
            return "failed: " + body;
        }
        String shown = body.length() > 160 ? body.substring(0, 160) + "…" : body;
        return status + " via " + (path.isEmpty() ? "?" : path) + "  " + shown;
    }

    /** No HTTP answer at all. */
    public boolean failed() {
        return status == 0;
    }
}
