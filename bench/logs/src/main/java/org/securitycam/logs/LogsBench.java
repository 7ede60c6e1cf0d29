package org.securitycam.logs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;

/**
 * The device log read from its end, in process, as the route reads it and writes its JSON: {@code limit=500}
 * on a 24 MiB current file plus three rotated 8 MiB ones, the same with a search that matches one line in
 * 100,000 (which reads every file to its start), and {@code limit=500} on a 1 MiB current file for the ratio.
 * {@code --generate DIR MIB} only writes such a log (current file of MIB MiB) for a device to serve.
 */
public final class LogsBench {
    static final String NEEDLE = "door-left-open";
    private static final int RUNS = 15;
    private static final long MIB = 1024 * 1024;

    private LogsBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--generate")) {
            generate(Path.of(args[1]), Long.parseLong(args[2]) * MIB, 8 * MIB);
            return;
        }
        Path big = Files.createTempDirectory("bench-logs-24");
        Path small = Files.createTempDirectory("bench-logs-1");
        try {
            long bigLines = generate(big, 24 * MIB, 8 * MIB);
            generate(small, MIB, 8 * MIB);
            LogReader bigLog = reader(big);
            LogReader smallLog = reader(small);
            LogQuery last500 = LogQuery.of("500", null, null, null);
            LogQuery search = LogQuery.of("500", null, NEEDLE, null);
            String heap = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(a -> a.startsWith("-Xmx")).findFirst().orElse("the default heap");
            System.out.printf("%s; a log of %d lines, 48 MiB in 4 files%n", heap, bigLines);
            double[] b = time(bigLog, last500);
            double[] s = time(smallLog, last500);
            double[] f = time(bigLog, search);
            int found = count(bigLog, search);
            System.out.printf("limit=500, 24 MiB current + 3 rotated: median %.2f ms (min %.2f, max %.2f);"
                    + " target <= 50 ms%n", median(b), b[0], b[b.length - 1]);
            System.out.printf("search matching 1 line in 100,000 (%d found): median %.1f ms (min %.1f, max %.1f);"
                    + " target <= 1000 ms, in the heap above (%.0f MB of short-lived garbage per read)%n",
                    found, median(f), f[0], f[f.length - 1], allocated(bigLog, search) / MIB);
            System.out.printf("limit=500, 1 MiB current + 3 rotated: median %.2f ms; 24 MiB against 1 MiB: %.2fx;"
                    + " target within 2x%n", median(s), median(b) / median(s));
        } finally {
            delete(big);
            delete(small);
        }
    }

    private static LogReader reader(Path dir) {
        return new LogReader(LogFormat.DEVICE, List.of(dir.resolve("security-cam.log"),
                dir.resolve("security-cam.log.1"), dir.resolve("security-cam.log.2"),
                dir.resolve("security-cam.log.3")));
    }

    /** Milliseconds of each of the timed runs, sorted, after a few untimed ones. */
    private static double[] time(LogReader log, LogQuery query) throws IOException {
        for (int i = 0; i < 3; i++) {
            EntriesJson.write(log, query, OutputStream.nullOutputStream());
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            EntriesJson.write(log, query, OutputStream.nullOutputStream());
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    private static int count(LogReader log, LogQuery query) throws IOException {
        int[] n = { 0 };
        log.read(query, e -> n[0]++);
        return n[0];
    }

    private static double allocated(LogReader log, LogQuery query) throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        EntriesJson.write(log, query, OutputStream.nullOutputStream());
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    /**
     * A device log: the current file of {@code currentBytes} and three rotated ones, oldest first in time;
     * request lines, service lines, warnings, an error with a stack trace every 1,000 entries, and the needle
     * on every 100,000th line. The files are dated a minute back, as a log nobody is writing.
     *
     * @return the number of lines written
     */
    static long generate(Path dir, long currentBytes, long rotatedBytes) throws IOException {
        Files.createDirectories(dir);
        long[] state = { 0, 0 }; // lines, entries
        for (int i = 3; i >= 0; i--) {
            Path file = dir.resolve(i == 0 ? "security-cam.log" : "security-cam.log." + i);
            long size = i == 0 ? currentBytes : rotatedBytes;
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                long written = 0;
                while (written < size) {
                    String entry = entry(state);
                    out.write(entry);
                    written += entry.length();
                }
            }
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000 + i));
        }
        return state[0];
    }

    private static String entry(long[] state) {
        long n = state[1]++;
        String ts = String.format("2026-04-01 %02d:%02d:%02d", n / 3600 % 24, n / 60 % 60, n % 60);
        StringBuilder s = new StringBuilder();
        if (n % 1000 == 999) {
            s.append(ts).append(" [ERROR] org.securitycam.camera.FfmpegCamera: Recording failed\n");
            s.append("java.io.IOException: Cannot run program \"ffmpeg\": error=2, No such file or directory\n");
            for (int k = 0; k < 15; k++) {
                s.append("\tat org.securitycam.camera.FfmpegCamera.start(FfmpegCamera.java:").append(100 + k)
                        .append(")\n");
            }
            state[0] += 17;
        } else {
            String message = switch ((int) (n % 4)) {
                case 0 -> "[INFO] http.request: 192.168.1.20 GET /sensor/status 200 3ms";
                case 1 -> "[DEBUG] org.apache.felix.scr: ServiceEvent REGISTERED {org.securitycam.api.sensor.SensorDriver}";
                case 2 -> "[INFO] securitycam.sensor.reed: door contact opened on GPIO 17";
                default -> "[WARNING] securitycam.camera: ffmpeg took 2150 ms to start";
            };
            s.append(ts).append(' ').append(message);
            state[0]++;
            if (state[0] % 100_000 == 0) {
                s.append(" ").append(NEEDLE);
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static void delete(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}
