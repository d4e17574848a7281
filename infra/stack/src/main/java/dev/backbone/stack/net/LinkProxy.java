package dev.backbone.stack.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stack's network between Kafka nodes, and between the Streams apps and Kafka: one TCP relay
 * per directed link, each of which can be cut and healed while the stack runs. A cut link is a
 * black hole, like a partitioned network: connections stay open, bytes sent over them vanish, new
 * connections are accepted and never answered. Healing closes the connections the cut broke (as
 * TCP would once its retransmissions gave up) and relays new ones again.
 *
 * <p>Why a relay and not network namespaces or {@code tc}: the brokers share 127.0.0.1, this
 * kernel has no netem qdisc and the machine no iptables; a relay needs neither root nor a kernel
 * feature. It uses only the JDK, so it runs from any classpath that holds this class.
 *
 * <p>Run as {@code LinkProxy <control-port> <routes-file>}; each routes line is
 * {@code <link> <listen-port> <target-port>}. The control port takes one command per line:
 * {@code cut <link>…}, {@code heal <link>…}, {@code heal-all}, {@code status}; it answers one
 * line, {@code ok …} or {@code error: …}.
 */
public final class LinkProxy {

    private static final int CONNECT_TIMEOUT_MS = 3_000;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final Map<String, Link> links;

    LinkProxy(Map<String, Link> links) {
        this.links = links;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: LinkProxy <control-port> <routes-file>");
            System.exit(2);
        }
        Map<String, Link> links = readRoutes(Path.of(args[1]));
        LinkProxy proxy = new LinkProxy(links);
        for (Link link : links.values()) {
            link.open();
        }
        System.out.println("relaying " + links.size() + " links; control on port " + args[0]);
        proxy.serveControl(Integer.parseInt(args[0]));
    }

    static Map<String, Link> readRoutes(Path file) throws IOException {
        Map<String, Link> links = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            if (parts.length != 3) {
                throw new IllegalArgumentException("routes line must be '<link> <listen-port> <target-port>', but was: " + line);
            }
            links.put(parts[0], new Link(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
        }
        return links;
    }

    private void serveControl(int port) throws IOException {
        try (ServerSocket control = new ServerSocket(port, 16, LOOPBACK)) {
            while (true) {
                Socket client = control.accept();
                daemon("control", () -> answer(client));
            }
        }
    }

    private void answer(Socket client) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(command(line.trim()));
            }
        } catch (IOException e) {
            // The controller hung up; nothing to answer.
        }
    }

    /** Executes one control command and returns its one-line answer. */
    synchronized String command(String line) {
        List<String> words = List.of(line.split("\\s+"));
        String verb = words.get(0);
        List<String> names = words.subList(1, words.size());
        switch (verb) {
            case "status" -> {
                return "ok cut=" + String.join(",", cutLinks());
            }
            case "heal-all" -> {
                links.values().forEach(Link::heal);
                return "ok";
            }
            case "cut", "heal" -> {
                List<String> unknown = names.stream().filter(n -> !links.containsKey(n)).toList();
                if (names.isEmpty() || !unknown.isEmpty()) {
                    return "error: " + verb + " needs known link names; unknown: " + unknown + "; links: " + links.keySet();
                }
                names.forEach(n -> {
                    if (verb.equals("cut")) {
                        links.get(n).cut();
                    } else {
                        links.get(n).heal();
                    }
                });
                return "ok";
            }
            default -> {
                return "error: unknown command '" + verb + "'; commands: cut <link>..., heal <link>..., heal-all, status";
            }
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private Set<String> cutLinks() {
        Set<String> cut = new TreeSet<>();
        links.values().stream().filter(l -> l.cut).forEach(l -> cut.add(l.name));
        return cut;
    }

    /** One directed link: a listening port relayed to a target port. */
    static final class Link {

        private final String name;
        private final int listenPort;
        private final int targetPort;
        private final Set<Relay> relays = ConcurrentHashMap.newKeySet();
        private volatile boolean cut;

        Link(String name, int listenPort, int targetPort) {
            this.name = name;
            this.listenPort = listenPort;
            this.targetPort = targetPort;
        }

        void open() throws IOException {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(LOOPBACK, listenPort), 64);
            daemon("accept-" + name, () -> acceptLoop(server));
        }

        private void acceptLoop(ServerSocket server) {
            while (true) {
                try {
                    Socket client = server.accept();
                    client.setTcpNoDelay(true);
                    Relay relay = new Relay(this, client);
                    relays.add(relay);
                    relay.start(cut);
                } catch (IOException e) {
                    System.err.println("link " + name + ": accept failed: " + e);
                }
            }
        }

        synchronized void cut() {
            cut = true;
            relays.forEach(Relay::breakOff);
        }

        synchronized void heal() {
            cut = false;
            relays.stream().filter(r -> r.broken).toList().forEach(Relay::close);
        }
    }

    /** One relayed connection: two pumps, client to target and back. */
    static final class Relay {

        private final Link link;
        private final Socket client;
        private volatile Socket target;
        private volatile boolean broken;

        Relay(Link link, Socket client) {
            this.link = link;
            this.client = client;
        }

        void start(boolean linkCut) {
            if (linkCut) {
                // Accepted into the black hole: the caller's connect succeeded, nothing will ever answer.
                broken = true;
                daemon("hole-" + link.name, () -> pump(client, null));
                return;
            }
            try {
                Socket socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(LOOPBACK, link.targetPort), CONNECT_TIMEOUT_MS);
                target = socket;
            } catch (IOException e) {
                // The target is down: refuse the caller the way the target itself would.
                close();
                return;
            }
            daemon("up-" + link.name, () -> pump(client, target));
            daemon("down-" + link.name, () -> pump(target, client));
        }

        void breakOff() {
            broken = true;
        }

        /** Copies bytes from one side to the other until either closes; drops them while broken. */
        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to == null ? null : to.getOutputStream();
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (!broken && out != null) {
                        out.write(buffer, 0, read);
                    }
                }
            } catch (IOException e) {
                // One side closed or reset: the relay ends below.
            }
            if (!broken) {
                close();
            }
        }

        void close() {
            link.relays.remove(this);
            closeQuietly(client);
            closeQuietly(target);
        }

        private static void closeQuietly(Socket socket) {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Already gone.
                }
            }
        }
    }
}
