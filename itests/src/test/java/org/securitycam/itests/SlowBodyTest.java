package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.securitycam.bench.Latencies;
import org.securitycam.bench.SlowBodies;

/**
 * Clients that trickle request bodies, without logging in, hold connections and never the device's threads: an
 * authenticated client keeps being answered during a flood of them, and each slow body is cut off with a JSON
 * 408. (bench/slow-clients measures the latency against its 100 ms target.)
 */
class SlowBodyTest extends OneDeviceTest {
    private static final String HEAD = "POST /auth/validate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{";

    @Test
    void authenticatedRequestsKeepAnsweringDuringAFloodOfSlowBodies() throws Exception {
        try (SlowBodies flood = new SlowBodies(device.port, 250)) {
            Thread.sleep(1000);
            Latencies latencies = Latencies.of(device.port, "/sensor/status", device.token(), 12_000, 50);
            assertEquals(0, latencies.timeouts(), "authenticated requests that timed out: " + latencies);
            assertEquals(0, latencies.failures(), "authenticated requests that failed: " + latencies);
            assertTrue(latencies.quantile(0.99) < 1000, "p99 " + latencies.quantile(0.99) + " ms");
            assertTrue(flood.answered() >= 250, "slow bodies cut off: " + flood.answered() + " of 250 connections");
        }
        assertEquals(200, device.get("/sensor/status").statusCode());
    }

    @Test
    void aTrickledBodyIsCutOffWithJson() throws Exception {
        try (Socket s = new Socket("127.0.0.1", device.port)) {
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write(HEAD.getBytes(StandardCharsets.US_ASCII));
            String answer = "";
            long start = System.nanoTime();
            while (answer.isEmpty() && System.nanoTime() - start < 10_000_000_000L) {
                try {
                    answer = readAll(s.getInputStream());
                } catch (java.net.SocketTimeoutException stillWaiting) {
                    out.write(' ');
                }
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("Content-Type: application/json"), answer);
            assertTrue(answer.contains("{\"error\":"), answer);
            assertTrue(seconds <= 5, "cut off after " + seconds + " s");
        }
    }

    @Test
    void aStalledBodyIsCutOffWithJson() throws Exception {
        try (Socket s = new Socket("127.0.0.1", device.port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(HEAD.getBytes(StandardCharsets.US_ASCII));
            String answer = readAll(s.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("{\"error\":"), answer);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        StringBuilder text = new StringBuilder();
        for (int n = in.read(buf); n > 0; n = in.read(buf)) {
            text.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            if (text.indexOf("\r\n\r\n") >= 0 && text.indexOf("}") > 0) {
                break;
            }
        }
        return text.toString();
    }
}
