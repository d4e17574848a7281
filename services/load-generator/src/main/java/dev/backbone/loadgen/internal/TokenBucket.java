package dev.backbone.loadgen.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket that paces events to {@code ratePerSecond} with bursts of at most {@code burst}
 * events. {@link #reserve()} takes one token and says how long the caller must wait before using
 * it, so the caller sleeps (or not) and the time source stays injectable. Not thread-safe.
 */
public final class TokenBucket {

    private final double ratePerSecond;
    private final double burst;
    private final Clock clock;
    private double tokens;
    private Instant refilled;

    /**
     * @param ratePerSecond tokens added per second, > 0
     * @param burst most tokens the bucket holds, >= 1; the bucket starts full
     * @param clock the time source
     */
    public TokenBucket(double ratePerSecond, int burst, Clock clock) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be > 0 events/s but was " + ratePerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1 but was " + burst);
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
        this.refilled = clock.instant();
    }

    /**
     * Takes one token. May leave the bucket in debt: then the returned wait is how long until the
     * token is earned, and the next reservations wait longer still, so the long-run rate holds.
     *
     * @return how long to wait before acting; {@link Duration#ZERO} when a token was available
     */
    public Duration reserve() {
        refill();
        tokens -= 1;
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil(-tokens / ratePerSecond * 1e9));
    }

    /** Tokens available now (negative while in debt). */
    public double available() {
        refill();
        return tokens;
    }

    private void refill() {
        Instant now = clock.instant();
        if (now.isAfter(refilled)) {
            double elapsedSeconds = Duration.between(refilled, now).toNanos() / 1e9;
            tokens = Math.min(burst, tokens + elapsedSeconds * ratePerSecond);
            refilled = now;
        }
    }
}
