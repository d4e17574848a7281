package dev.backbone.stack;

/**
 * One line of {@code ./backbone status}.
 *
 * @param name    process name, e.g. kafka-1, shard-0-a, sentinel-2
 * @param pid     process id, or -1 when not running
 * @param port    the port it serves
 * @param role    what it is now: broker+controller (leader), primary, standby, replica, sentinel …
 * @param healthy whether it answers its protocol's health check
 */
public record ComponentStatus(String name, long pid, int port, String role, boolean healthy) {
}
