package io.tributary.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.client.ClientOptions;
import io.tributary.errors.ApiException;
import io.tributary.errors.TributaryException;
import io.tributary.protocol.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Brokers that cannot be reached, never answer or answer garbage: clear errors within the timeouts, no hang. */
final class ConnectionFailureTest {

    @Test
    void unreachableBootstrapFailsAfterTheApiTimeoutNamingTheServers() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ClientRuntime runtime = new ClientRuntime(ClientOptions.create("localhost:" + closedPort)
            .apiTimeout(Duration.ofSeconds(3))
            .retryBackoff(Duration.ofMillis(20)));
        long start = System.nanoTime();
        StepVerifier.create(runtime.refreshMetadata(List.of(), false))
            .expectErrorSatisfies(e -> assertThat(e)
                .isInstanceOf(TributaryException.class)
                .hasMessageContaining("did not complete within 3000 ms")
                .hasMessageContaining("localhost:" + closedPort)
                .hasMessageContaining("Connection refused"))
            .verify(Duration.ofSeconds(10));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        runtime.close();
    }

    @Test
    void aBrokerThatNeverAnswersTimesTheRequestOutAndClosesTheConnection() throws Exception {
        try (FakeServer server = new FakeServer((in, out) -> drain(in))) {
            ClientOptions options = ClientOptions.create("localhost:" + server.port())
                .requestTimeout(Duration.ofMillis(300));
            StepVerifier.create(BrokerConnection.open(Node.bootstrap("localhost:" + server.port(), -1), options,
                    ClientMetrics.NONE))
                .expectErrorSatisfies(e -> assertThat(e)
                    .isInstanceOfSatisfying(ApiException.class,
                        a -> assertThat(a.error()).isEqualTo(ErrorCode.REQUEST_TIMED_OUT))
                    .hasMessageContaining("ApiVersions"))
                .verify(Duration.ofSeconds(5));
        }
    }

    @Test
    void aGarbledResponseFailsTheRequestWithADecodeError() throws Exception {
        try (FakeServer server = new FakeServer((in, out) -> {
            try {
                byte[] size = in.readNBytes(4);
                int length = ((size[0] & 0xff) << 24) | ((size[1] & 0xff) << 16) | ((size[2] & 0xff) << 8)
                    | (size[3] & 0xff);
                byte[] request = in.readNBytes(length);
                // The right correlation id, then bytes that are no ApiVersions response.
                out.write(new byte[] {0, 0, 0, 9, request[4], request[5], request[6], request[7], 0, 0, 0x7f, 1, 2});
                out.flush();
                drain(in);
            } catch (IOException e) {
                // the client closed the connection
            }
        })) {
            ClientOptions options = ClientOptions.create("localhost:" + server.port());
            StepVerifier.create(BrokerConnection.open(Node.bootstrap("localhost:" + server.port(), -1), options,
                    ClientMetrics.NONE))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("Could not decode the ApiVersions"))
                .verify(Duration.ofSeconds(5));
        }
    }

    @Test
    void aResponseLargerThanMaxResponseBytesClosesTheConnectionWithAClearError() throws Exception {
        try (FakeServer server = new FakeServer((in, out) -> {
            try {
                in.readNBytes(4);
                // Announces 1 GiB and sends nothing more: the client must not wait for it, nor allocate it.
                out.write(new byte[] {0x40, 0, 0, 0});
                out.flush();
                drain(in);
            } catch (IOException e) {
                // the client closed the connection
            }
        })) {
            ClientOptions options = ClientOptions.create("localhost:" + server.port())
                .maxResponseBytes(1 << 20)
                .requestTimeout(Duration.ofSeconds(30));
            StepVerifier.create(BrokerConnection.open(Node.bootstrap("localhost:" + server.port(), -1), options,
                    ClientMetrics.NONE))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TributaryException.class))
                .verify(Duration.ofSeconds(5));
        }
    }

    @Test
    void optionsRejectBadValuesNamingTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClientOptions.fromProperties(
                java.util.Map.of("bootstrap.servers", "localhost:9092", "request.timeout.ms", "soon")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("request.timeout.ms");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClientOptions.create("no-port"))
            .hasMessageContaining("bootstrap.servers");
    }

    private static void drain(InputStream in) {
        try {
            while (in.read() >= 0) {
                // swallow
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** A one-connection TCP server whose behaviour the test gives. */
    private static final class FakeServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;

        FakeServer(BiConsumer<InputStream, OutputStream> behaviour) throws IOException {
            socket = new ServerSocket(0);
            thread = new Thread(() -> {
                try (Socket s = socket.accept()) {
                    behaviour.accept(s.getInputStream(), s.getOutputStream());
                } catch (IOException e) {
                    // closed by the test
                }
            }, "fake-broker");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
