package org.securitycam.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * Response times of one route, each request on a new connection (as a client arriving during a flood would), with
 * a 2 s timeout; a request that times out or fails counts as a timeout, not as a time.
 */
public record Latencies(List<Double> millis, int timeouts, int failures) {
    /** The {@code q} quantile of the times, in milliseconds; NaN without any. */
    public double quantile(double q) {
        if (millis.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
    }

    /** GETs of {@code path} with the API token, one every {@code intervalMs}, for {@code durationMs}. */
    public static Latencies of(int port, String path, String token, long durationMs, long intervalMs)
            throws InterruptedException {
        List<Double> times = new ArrayList<>();
        int timeouts = 0;
        int failures = 0;
        long end = System.nanoTime() + durationMs * 1_000_000;
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            try {
                HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
                c.setConnectTimeout(2000);
                c.setReadTimeout(2000);
                c.setRequestProperty("Authorization", "Bearer " + token);
                c.setRequestProperty("Connection", "close");
                int status = c.getResponseCode();
                try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                    if (in != null) {
                        in.readAllBytes();
                    }
                }
                if (status == 200) {
                    times.add((System.nanoTime() - start) / 1e6);
                } else {
                    failures++;
                }
            } catch (IOException e) {
                timeouts++;
            }
            Thread.sleep(intervalMs);
        }
        return new Latencies(times, timeouts, failures);
    }
}
