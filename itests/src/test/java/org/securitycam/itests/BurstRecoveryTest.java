package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a burst of 256 connections (wrk, 20 s), the device started with the start script's JVM options is back
 * within 10% of its threads and memory before the burst within 60 s: a burst neither leaves threads behind nor
 * keeps the heap it grew.
 */
class BurstRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void threadsAndMemoryComeBackAfterABurst() throws Exception {
        assumeTrue(onPath("wrk"), "wrk is not installed (apt-get install -y wrk)");
        try (Device d = Device.startWithScript(dir.resolve("home"), "")) {
            for (int i = 0; i < 50; i++) {
                d.get("/sensor/status");
            }
            Thread.sleep(5000);
            Usage baseline = Usage.of(d.pid());

            Process wrk = new ProcessBuilder(List.of("wrk", "-t2", "-c256", "-d20s", "-H",
                    "Authorization: Bearer " + d.token(), "http://127.0.0.1:" + d.port + "/sensor/status"))
                    .redirectErrorStream(true).start();
            String report = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(wrk.waitFor(60, TimeUnit.SECONDS), "wrk did not finish");
            assertEquals(0, wrk.exitValue(), report);
            assertTrue(report.contains("Requests/sec"), report);
            Usage peak = Usage.of(d.pid());

            Usage now = peak;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!now.within(baseline, 0.10) && System.nanoTime() < deadline) {
                Thread.sleep(2000);
                now = Usage.of(d.pid());
            }
            assertTrue(now.within(baseline, 0.10), "60 s after the burst: " + now + "; before it: " + baseline
                    + "; right after it: " + peak + "\n" + report);
            assertEquals(200, d.get("/sensor/status").statusCode());
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Threads and resident memory of a process, from /proc. */
    private record Usage(int threads, long rssKiB) {
        static Usage of(long pid) throws IOException {
            int threads = 0;
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                String[] f = line.split("\\s+");
                if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(f[1]);
                } else if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(f[1]);
                }
            }
            return new Usage(threads, rss);
        }

        boolean within(Usage base, double margin) {
            return threads <= base.threads * (1 + margin) && rssKiB <= base.rssKiB * (1 + margin);
        }

        @Override
        public String toString() {
            return threads + " threads, " + rssKiB / 1024 + " MiB resident";
        }
    }
}
