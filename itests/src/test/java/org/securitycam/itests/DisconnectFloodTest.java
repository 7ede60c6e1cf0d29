package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Clients that go away mid-request (half a body then a close, a reset mid-body, a close while the answer or an
 * event stream is being written) are the client's business: not one ERROR line, not one stack trace in the log.
 */
class DisconnectFloodTest extends OneDeviceTest {
    private static final int CLIENTS = 250;

    private static void halfABody(String path, String token) throws IOException, InterruptedException {
        try (Socket s = new Socket("127.0.0.1", device.port)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n{\"password\":\"abc")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(20);
        }
    }

    private static void resetMidBody(String token) throws IOException {
        try (Socket s = new Socket("127.0.0.1", device.port)) {
            s.setSoLinger(true, 0);
            s.getOutputStream().write(("POST /settings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\nAuthorization: Bearer " + token + "\r\n\r\n{\"a\"").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static void closeWhileAnswered(String path, String token) throws IOException {
        try (Socket s = new Socket("127.0.0.1", device.port)) {
            s.setReceiveBufferSize(1024);
            s.setSoLinger(true, 0);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getInputStream().read(new byte[10]);
        }
    }

    @Test
    void clientsThatGoAwayLeaveNoErrorInTheLog() throws Exception {
        for (int i = 0; i < 300; i++) {
            device.post("/sensor/mock/trigger", null); // a log with content for /logs/api to stream
        }
        String token = device.token();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            done.add(pool.submit(() -> {
                halfABody("/auth/validate", null);
                halfABody("/settings", token);
                resetMidBody(token);
                closeWhileAnswered("/logs/api?limit=500", token);
                closeWhileAnswered("/events", token);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        Thread.sleep(3000);
        assertEquals(200, device.get("/sensor/status").statusCode());
        List<String> bad = device.log().lines()
                .filter(l -> l.contains("[ERROR]") || l.startsWith("\tat ") || l.contains("Exception:")).limit(20).toList();
        assertTrue(bad.isEmpty(), "after " + CLIENTS * 5 + " clients that went away:\n" + String.join("\n", bad));
    }
}
