package io.tributary.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy for fault-injection tests: forwards every connection on {@code listenPort} to {@code targetPort} on
 * localhost and can cut all open connections at once, mid-request, as a flaky network would. Plain threads (two
 * per connection); for tests only. Thread-safe.
 *
 * @since 0.1
 */
public final class ChaosProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile boolean closed;

    private ChaosProxy(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::acceptLoop, "chaos-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a proxy listening on {@code listenPort} (0 for any) and forwarding to {@code localhost:targetPort}. */
    public static ChaosProxy start(int listenPort, int targetPort) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress("localhost", listenPort));
        return new ChaosProxy(server, targetPort);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Closes every open connection (both sides); new connections are accepted as before. */
    public void cutAll() {
        cuts.incrementAndGet();
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    /** How many times {@link #cutAll()} ran. */
    public int cuts() {
        return cuts.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket("localhost", targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // cut or closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "chaos-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        cutAll();
    }
}
