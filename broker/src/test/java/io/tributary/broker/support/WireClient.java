package io.tributary.broker.support;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.ApiMessages;
import io.tributary.protocol.RequestHeaders;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A blocking test client that speaks the Kafka protocol with Tributary's own codec, for broker tests that need
 * exact control over request versions and fields. Not thread-safe.
 */
public final class WireClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int correlationId;

    public WireClient(int port) throws IOException {
        socket = new Socket("localhost", port);
        socket.setSoTimeout(15_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends {@code request} in {@code version} and returns the decoded response. */
    @SuppressWarnings("unchecked")
    public <R extends ApiMessage> R send(ApiMessage request, int version) throws IOException {
        short v = (short) version;
        int id = ++correlationId;
        ByteBuf frame = io.tributary.protocol.Frames.encodeRequest(ByteBufAllocator.DEFAULT, request, v, id, "test");
        try {
            byte[] bytes = new byte[frame.readableBytes()];
            frame.readBytes(bytes);
            out.write(bytes);
            out.flush();
        } finally {
            frame.release();
        }
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        ByteBuf response = Unpooled.wrappedBuffer(body);
        int correlation = RequestHeaders.readResponseHeader(response, request.apiKey(), v).correlationId();
        if (correlation != id) {
            throw new IOException("correlation id " + correlation + ", expected " + id);
        }
        return (R) ApiMessages.readResponse(request.apiKey(), v, response);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
