package org.securitycam.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The figures of the device's resilience against the targets, on a device started through the start script:
 * <ul>
 * <li>{@code --startup PORT}: from before the port opens until the API answers, how many answers were HTML.</li>
 * <li>{@code PORT TOKEN HOME PID}: HTML answers over the corpus; log bytes per successful GET; threads and memory
 * 60 s after a 20 s wrk burst of 256 connections (skipped without wrk); authenticated latency during 250 slow-body
 * connections (median of three runs).</li>
 * </ul>
 */
public final class SlowClientsBench {
    private static final int SLOW_CONNECTIONS = 250;
    private static final int RUNS = 3;

    private SlowClientsBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--startup")) {
            startup(Integer.parseInt(args[1]));
            return;
        }
        int port = Integer.parseInt(args[0]);
        String token = args[1];
        Path log = Path.of(args[2], "logs/api/security-cam.log");
        long pid = Long.parseLong(args[3]);
        corpus(port, token);
        logBytes(port, token, log);
        burst(port, token, pid);
        slowBodies(port, token);
    }

    private static void startup(int port) throws Exception {
        int answers = 0;
        int html = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                RawHttp r = RawHttp.get(port, "/auth/status", null);
                answers++;
                html += r.isJson() ? 0 : 1;
                if (r.status() == 200) {
                    break;
                }
            } catch (IOException notListening) {
                Thread.sleep(5);
            }
        }
        System.out.printf("start-up window: %d HTML answers of %d (target 0)%n", html, answers);
    }

    private static void corpus(int port, String token) throws IOException {
        int answers = 0;
        int html = 0;
        for (String path : HtmlCorpus.PATHS) {
            for (String t : new String[] { null, token }) {
                answers++;
                html += RawHttp.get(port, path, t).isJson() ? 0 : 1;
            }
        }
        for (String path : HtmlCorpus.POST_ROUTES) {
            answers++;
            RawHttp r = RawHttp.chunkedPost(port, path, token, 300 * 1024);
            html += r.isJson() && r.status() == 413 ? 0 : 1;
        }
        System.out.printf("HTML answers over the corpus: %d of %d (target 0)%n", html, answers);
    }

    private static void logBytes(int port, String token, Path log) throws Exception {
        Latencies.of(port, "/sensor/status", token, 1000, 0);
        Thread.sleep(500);
        long before = Files.size(log);
        int gets = 0;
        while (gets < 1000) {
            gets += Latencies.of(port, "/sensor/status", token, 200, 0).millis().size();
        }
        Thread.sleep(500);
        System.out.printf("log bytes per successful GET: %.2f over %d GETs (target 0)%n",
                (Files.size(log) - before) / (double) gets, gets);
    }

    private static void burst(int port, String token, long pid) throws Exception {
        if (!onPath("wrk")) {
            System.out.println("threads and memory after a burst: skipped, wrk is not installed");
            return;
        }
        Thread.sleep(5000);
        long[] baseline = usage(pid);
        Process wrk = new ProcessBuilder(List.of("wrk", "-t2", "-c256", "-d20s", "-H", "Authorization: Bearer " + token,
                "http://127.0.0.1:" + port + "/sensor/status")).redirectErrorStream(true).start();
        String report = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor(60, TimeUnit.SECONDS);
        long[] peak = usage(pid);
        Thread.sleep(60_000);
        long[] after = usage(pid);
        String rate = report.lines().filter(l -> l.contains("Requests/sec")).findFirst().orElse("").trim();
        System.out.printf("burst (wrk -c256 20 s, %s): threads %d before, %d right after, %d 60 s after "
                + "(target <= %d)%n", rate, baseline[0], peak[0], after[0], Math.round(baseline[0] * 1.1));
        System.out.printf("burst: RSS %d MiB before, %d MiB right after, %d MiB 60 s after (target <= 150 MiB)%n",
                baseline[1] / 1024, peak[1] / 1024, after[1] / 1024);
    }

    private static void slowBodies(int port, String token) throws Exception {
        List<Double> p99 = new ArrayList<>();
        int timeouts = 0;
        int answered = 0;
        for (int run = 0; run < RUNS; run++) {
            try (SlowBodies flood = new SlowBodies(port, SLOW_CONNECTIONS)) {
                Thread.sleep(1000);
                Latencies l = Latencies.of(port, "/sensor/status", token, 10_000, 50);
                p99.add(l.quantile(0.99));
                timeouts += l.timeouts() + l.failures();
                answered += flood.answered();
            }
            Thread.sleep(2000);
        }
        p99.sort(null);
        System.out.printf("authenticated GET /sensor/status during %d slow-body connections: p99 %.1f ms (median of %d "
                + "runs: %s), %d timeouts or failures; slow bodies cut off: %d (target p99 <= 100 ms, 0 timeouts)%n",
                SLOW_CONNECTIONS, p99.get(RUNS / 2), RUNS, p99, timeouts, answered);
    }

    /** Threads and resident KiB of a process, from /proc. */
    private static long[] usage(long pid) throws IOException {
        long threads = 0;
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            String[] f = line.split("\\s+");
            if (line.startsWith("Threads:")) {
                threads = Long.parseLong(f[1]);
            } else if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(f[1]);
            }
        }
        return new long[] { threads, rss };
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
