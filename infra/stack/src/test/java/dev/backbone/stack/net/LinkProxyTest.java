package dev.backbone.stack.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay over real loopback sockets: relays, black-holes while cut, reconnects after healing. */
class LinkProxyTest {

    private ServerSocket echo;
    private LinkProxy proxy;
    private int relayPort;

    @BeforeEach
    void echoServerBehindALink() throws IOException {
        echo = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread echoLoop = new Thread(this::echoForever, "echo");
        echoLoop.setDaemon(true);
        echoLoop.start();
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            relayPort = probe.getLocalPort();
        }
        Map<String, LinkProxy.Link> links = new LinkedHashMap<>();
        links.put("a-to-b", new LinkProxy.Link("a-to-b", relayPort, echo.getLocalPort()));
        proxy = new LinkProxy(links);
        links.get("a-to-b").open();
    }

    @AfterEach
    void closeEcho() throws IOException {
        echo.close();
    }

    @Test
    void shouldRelayBytesBothWays() throws IOException {
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "hello")).isEqualTo("hello");
        }
    }

    @Test
    void shouldSwallowBytesWhileCutAndAcceptConnectionsThatNeverAnswer() throws IOException {
        try (Socket before = connect()) {
            assertThat(roundTrip(before, "one")).isEqualTo("one");

            assertThat(proxy.command("cut a-to-b")).isEqualTo("ok");
            assertThat(proxy.command("status")).isEqualTo("ok cut=a-to-b");

            assertThatThrownBy(() -> roundTrip(before, "two")).isInstanceOf(SocketTimeoutException.class);
            try (Socket during = connect()) {
                assertThatThrownBy(() -> roundTrip(during, "three")).isInstanceOf(SocketTimeoutException.class);
            }
        }
    }

    @Test
    void shouldCloseBrokenConnectionsOnHealAndRelayNewOnes() throws IOException {
        try (Socket broken = connect()) {
            assertThat(roundTrip(broken, "relayed")).isEqualTo("relayed");
            proxy.command("cut a-to-b");
            assertThat(proxy.command("heal a-to-b")).isEqualTo("ok");

            assertThat(broken.getInputStream().read()).as("a connection the cut broke ends on heal").isEqualTo(-1);
            try (Socket after = connect()) {
                assertThat(roundTrip(after, "four")).isEqualTo("four");
            }
            assertThat(proxy.command("status")).isEqualTo("ok cut=");
        }
    }

    @Test
    void shouldRejectUnknownLinksAndCommandsNamingWhatExists() {
        assertThat(proxy.command("cut a-to-c")).startsWith("error:").contains("unknown: [a-to-c]").contains("[a-to-b]");
        assertThat(proxy.command("cut")).startsWith("error:");
        assertThat(proxy.command("partition a-to-b")).startsWith("error: unknown command 'partition'");
        assertThat(proxy.command("status")).isEqualTo("ok cut=");
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), relayPort);
        socket.setSoTimeout(1_000);
        return socket;
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes());
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] answer = in.readNBytes(text.length());
        return new String(answer);
    }

    private void echoForever() {
        while (!echo.isClosed()) {
            try {
                Socket socket = echo.accept();
                Thread pump = new Thread(() -> {
                    try (socket) {
                        socket.getInputStream().transferTo(socket.getOutputStream());
                    } catch (IOException e) {
                        // The test closed its end.
                    }
                }, "echo-conn");
                pump.setDaemon(true);
                pump.start();
            } catch (IOException e) {
                return;
            }
        }
    }
}
