package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bytes no Kafka client would send: the broker closes the connection, as Kafka does, and keeps serving others.
 * ApiVersions of an unknown version is answered with the v0 fallback instead.
 */
final class NetworkBadInputTest {
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.create(BrokerConfig.defaults().set("socket.request.max.bytes", "1048576")).start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void oversizeFrameClosesTheConnectionWithoutReadingIt() throws Exception {
        try (Socket s = socket()) {
            new DataOutputStream(s.getOutputStream()).writeInt(Integer.MAX_VALUE);
            assertClosed(s);
        }
        assertStillServes();
    }

    @Test
    void negativeFrameSizeClosesTheConnection() throws Exception {
        try (Socket s = socket()) {
            new DataOutputStream(s.getOutputStream()).writeInt(-5);
            assertClosed(s);
        }
        assertStillServes();
    }

    @Test
    void unknownApiKeyClosesTheConnection() throws Exception {
        try (Socket s = socket()) {
            send(s, ByteBuffer.allocate(10).putShort((short) 999).putShort((short) 0).putInt(1).putShort((short) -1));
            assertClosed(s);
        }
    }

    @Test
    void malformedBodyClosesTheConnection() throws Exception {
        try (Socket s = socket()) {
            // Metadata v1 whose topic array claims 1000 entries but carries none.
            send(s, ByteBuffer.allocate(14).putShort((short) 3).putShort((short) 1).putInt(2).putShort((short) -1)
                .putInt(1000));
            assertClosed(s);
        }
    }

    @Test
    void refusedProduceVersionClosesTheConnection() throws Exception {
        try (Socket s = socket()) {
            // Produce v2 is advertised (for librdkafka's feature check) but refused, as Kafka 4 does.
            send(s, ByteBuffer.allocate(10).putShort((short) 0).putShort((short) 2).putInt(3).putShort((short) -1));
            assertClosed(s);
        }
    }

    @Test
    void apiVersionsOfAnUnknownVersionGetsTheV0Fallback() throws Exception {
        try (Socket s = socket()) {
            send(s, ByteBuffer.allocate(11).putShort((short) 18).putShort((short) 99).putInt(42).putShort((short) -1)
                .put((byte) 0));
            DataInputStream in = new DataInputStream(s.getInputStream());
            int size = in.readInt();
            assertThat(in.readInt()).as("correlation id").isEqualTo(42);
            assertThat(in.readShort()).as("error").isEqualTo((short) 35);
            assertThat(in.readInt()).as("one entry").isEqualTo(1);
            assertThat(in.readShort()).isEqualTo((short) 18);
            assertThat(in.readShort()).isEqualTo((short) 0);
            assertThat(in.readShort()).isEqualTo((short) 4);
            assertThat(size).isEqualTo(4 + 2 + 4 + 6);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (Socket s = socket()) {
            for (int correlation = 1; correlation <= 20; correlation++) {
                send(s, ByteBuffer.allocate(10).putShort((short) 18).putShort((short) 2).putInt(correlation)
                    .putShort((short) -1));
            }
            DataInputStream in = new DataInputStream(s.getInputStream());
            for (int correlation = 1; correlation <= 20; correlation++) {
                int size = in.readInt();
                assertThat(in.readInt()).isEqualTo(correlation);
                in.skipNBytes(size - 4);
            }
        }
    }

    private static void assertStillServes() throws IOException {
        try (Socket s = socket()) {
            send(s, ByteBuffer.allocate(10).putShort((short) 18).putShort((short) 0).putInt(7).putShort((short) -1));
            DataInputStream in = new DataInputStream(s.getInputStream());
            in.readInt();
            assertThat(in.readInt()).isEqualTo(7);
        }
    }

    private static Socket socket() throws IOException {
        Socket s = new Socket("localhost", broker.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static void send(Socket s, ByteBuffer frameBody) throws IOException {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeInt(frameBody.position());
        out.write(frameBody.array(), 0, frameBody.position());
        out.flush();
    }

    private static void assertClosed(Socket s) throws IOException {
        try {
            assertThat(s.getInputStream().read()).as("end of stream").isEqualTo(-1);
        } catch (SocketException | EOFException reset) {
            // A reset is a close too.
        }
    }
}
