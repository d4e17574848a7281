package dev.backbone.index;

import io.lettuce.core.RedisURI;
import java.util.Objects;

/**
 * How a client of the index authenticates: as an ACL user to the Redis data nodes, and with the
 * Sentinels' own password ({@code requirepass}) to the Sentinels. Lettuce applies credentials in a
 * {@code redis-sentinel://user:password@…} URI to the data node only, never to the Sentinels, so
 * both are kept out of the URI (which is logged) and applied here.
 *
 * @param username ACL user on the data nodes; empty = the {@code default} user
 * @param password that user's password; empty = no authentication
 * @param sentinelPassword the Sentinels' {@code requirepass}; empty = Sentinels without a password
 */
public record RedisCredentials(String username, String password, String sentinelPassword) {

    /** No authentication anywhere (the local stack). */
    public static final RedisCredentials NONE = new RedisCredentials("", "", "");

    /** Rejects a user without a password; names the settings as {@code <prefix>username} etc. */
    public RedisCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(sentinelPassword, "sentinelPassword");
        if (!username.isEmpty() && password.isEmpty()) {
            throw new IllegalArgumentException("a Redis username ('" + username + "') is set without its password: "
                    + "set the password too (an ACL user always has one)");
        }
    }

    /**
     * Credentials read from settings named {@code keyPrefix + "username"}, {@code "password"} and
     * {@code "sentinel-password"} (absent = empty); an error names the settings.
     */
    public static RedisCredentials fromSettings(String keyPrefix, String username, String password, String sentinelPassword) {
        try {
            return new RedisCredentials(Objects.requireNonNullElse(username, ""), Objects.requireNonNullElse(password, ""),
                    Objects.requireNonNullElse(sentinelPassword, ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(keyPrefix + "username / " + keyPrefix + "password: " + e.getMessage(), e);
        }
    }

    /** {@code uri} with these credentials on the data node and on every Sentinel it names. */
    public RedisURI applyTo(RedisURI uri) {
        if (!password.isEmpty()) {
            if (!username.isEmpty()) {
                uri.setUsername(username);
            }
            uri.setPassword(password.toCharArray());
        }
        if (!sentinelPassword.isEmpty()) {
            uri.getSentinels().forEach(sentinel -> sentinel.setPassword(sentinelPassword.toCharArray()));
        }
        return uri;
    }

    /** For logs: who, never the passwords. */
    @Override
    public String toString() {
        return "RedisCredentials[user=" + (username.isEmpty() ? "default" : username) + ", password=" + (password.isEmpty() ? "none" : "***")
                + ", sentinelPassword=" + (sentinelPassword.isEmpty() ? "none" : "***") + "]";
    }
}
