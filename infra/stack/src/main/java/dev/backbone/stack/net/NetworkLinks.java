package dev.backbone.stack.net;

import dev.backbone.stack.ComponentFailedException;
import dev.backbone.stack.LocalJvm;
import dev.backbone.stack.StackLayout;
import dev.backbone.stack.process.Await;
import dev.backbone.stack.process.ManagedProcesses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The links of the local stack's network, relayed by one {@link LinkProxy} process
 * ({@code kafka-links}) so drills can partition it: a replication and a controller link for every
 * ordered pair of Kafka nodes, and a link from the Streams apps to every node. Producers, the query
 * service, tests and tools talk to the brokers directly.
 *
 * <p>Link names: {@code replication-<from>-to-<to>}, {@code controller-<from>-to-<to>},
 * {@code apps-to-<node>}.
 */
public final class NetworkLinks {

    public static final String PROCESS_NAME = "kafka-links";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final StackLayout layout;
    private final ManagedProcesses processes;

    public NetworkLinks(StackLayout layout, ManagedProcesses processes) {
        this.layout = layout;
        this.processes = processes;
    }

    public static String replicationLink(int fromNode, int toNode) {
        return "replication-" + fromNode + "-to-" + toNode;
    }

    public static String controllerLink(int fromNode, int toNode) {
        return "controller-" + fromNode + "-to-" + toNode;
    }

    public static String appsLink(int node) {
        return "apps-to-" + node;
    }

    /** Every link into and out of {@code node} from the other Kafka nodes: cutting them isolates its zone. */
    public List<String> peerLinksOf(int node) {
        List<String> names = new ArrayList<>();
        for (int other : layout.kafkaNodeIds()) {
            if (other != node) {
                names.addAll(List.of(replicationLink(node, other), replicationLink(other, node),
                        controllerLink(node, other), controllerLink(other, node)));
            }
        }
        return names;
    }

    /** Every link from the Streams apps to Kafka. */
    public List<String> appsLinks() {
        return layout.kafkaNodeIds().stream().map(NetworkLinks::appsLink).toList();
    }

    /** Starts the relay unless it runs, and waits until it answers on its control port. */
    public void start() {
        if (processes.running(PROCESS_NAME).isEmpty()) {
            Path routes = writeRoutes();
            List<String> command = LocalJvm.command("64m");
            command.addAll(List.of("-cp", ownClasspath(), LinkProxy.class.getName(), Integer.toString(layout.linkControlPort()),
                    routes.toString()));
            processes.start(PROCESS_NAME, command, Map.of(), Optional.empty());
        }
        if (!Await.until(() -> tryCommand("status").isPresent(), READY_TIMEOUT, Duration.ofMillis(200))) {
            throw new ComponentFailedException(PROCESS_NAME, processes.logFile(PROCESS_NAME),
                    "the link relay did not answer on port " + layout.linkControlPort() + " within " + READY_TIMEOUT.toSeconds() + " s");
        }
    }

    public boolean isRunning() {
        return processes.running(PROCESS_NAME).isPresent();
    }

    /** Turns the links into black holes: bytes sent over them vanish until {@link #heal}. */
    public void cut(List<String> links) {
        command("cut " + String.join(" ", links));
    }

    /** Relays the links again; connections the cut broke are closed, so their ends reconnect. */
    public void heal(List<String> links) {
        command("heal " + String.join(" ", links));
    }

    public void healAll() {
        command("heal-all");
    }

    /** The links that are cut now. */
    public Set<String> cutLinks() {
        String answer = command("status");
        String list = answer.substring(answer.indexOf("cut=") + "cut=".length());
        return list.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(list.split(",")));
    }

    private String command(String line) {
        String answer = tryCommand(line).orElseThrow(() -> new ComponentFailedException(PROCESS_NAME, processes.logFile(PROCESS_NAME),
                "the link relay does not answer on port " + layout.linkControlPort() + "; is the stack up?"));
        if (!answer.startsWith("ok")) {
            throw new IllegalArgumentException("link relay refused '" + line + "': " + answer);
        }
        return answer;
    }

    private Optional<String> tryCommand(String line) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), layout.linkControlPort()), 2_000);
            socket.setSoTimeout(5_000);
            PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.println(line);
            return Optional.ofNullable(in.readLine());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The routes file: every link, its relay port and the listener it leads to. */
    Path writeRoutes() {
        StringBuilder routes = new StringBuilder("# Generated by backbone-stack on up: <link> <relay-port> <target-port>\n");
        for (int to : layout.kafkaNodeIds()) {
            for (int from : layout.kafkaNodeIds()) {
                if (from != to) {
                    route(routes, replicationLink(from, to), layout.replicationLinkPort(from, to), layout.kafkaReplicationPort(to, from));
                    route(routes, controllerLink(from, to), layout.controllerLinkPort(from, to), layout.kafkaControllerPort(to, from));
                }
            }
            route(routes, appsLink(to), layout.appsLinkPort(to), layout.kafkaAppsPort(to));
        }
        Path file = layout.runtimeDir().resolve("kafka/links.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, routes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static void route(StringBuilder routes, String link, int relayPort, int targetPort) {
        routes.append(link).append(' ').append(relayPort).append(' ').append(targetPort).append('\n');
    }

    /** Where this class was loaded from (target/classes, or the CLI's jar): the relay needs nothing else. */
    private static String ownClasspath() {
        try {
            return Path.of(LinkProxy.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + LinkProxy.class.getName(), e);
        }
    }
}
