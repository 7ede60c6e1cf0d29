package org.securitycam.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections that each send a request's headers announcing a body of 200 bytes, then its first byte, then one
 * byte a second, and open a new connection whenever the server answers or closes one, so that the flood keeps its
 * size. One thread drives them all.
 */
public final class SlowBodies implements AutoCloseable {
    private static final byte[] HEAD = ("POST /auth/validate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{").getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress server;
    private final List<SocketChannel> open = new ArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();
    private final Thread driver;
    private volatile boolean stopped;

    public SlowBodies(int port, int connections) throws IOException {
        this.server = new InetSocketAddress("127.0.0.1", port);
        for (int i = 0; i < connections; i++) {
            open.add(connect());
        }
        driver = new Thread(this::drive, "slow-bodies");
        driver.setDaemon(true);
        driver.start();
    }

    /** How many connections the server has answered or closed so far. */
    public int answered() {
        return answered.get();
    }

    private SocketChannel connect() throws IOException {
        SocketChannel c = SocketChannel.open(server);
        c.write(ByteBuffer.wrap(HEAD));
        c.configureBlocking(false);
        return c;
    }

    private void drive() {
        ByteBuffer in = ByteBuffer.allocate(4096);
        while (!stopped) {
            for (int i = 0; i < open.size() && !stopped; i++) {
                SocketChannel c = open.get(i);
                try {
                    in.clear();
                    if (c.read(in) != 0) {
                        throw new IOException("answered");
                    }
                    c.write(ByteBuffer.wrap(new byte[] { ' ' }));
                } catch (IOException gone) {
                    answered.incrementAndGet();
                    closeQuietly(c);
                    try {
                        open.set(i, connect());
                    } catch (IOException e) {
                        // the server refused a connection: retried on the next round
                    }
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        driver.interrupt();
        driver.join(5000);
        open.forEach(SlowBodies::closeQuietly);
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
