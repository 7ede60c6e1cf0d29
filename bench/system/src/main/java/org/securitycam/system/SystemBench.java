package org.securitycam.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Appending one entry to the event log, in process, as the event log service appends: one JSON line written to
 * the history file, the in-memory cap kept, a rewrite in the background each time the file holds twice the cap,
 * and a sync a few seconds later. 20,000 appends to a log that starts full (5,000 entries), in a folder on the
 * disk the temporary folder is on (or the folder given).
 */
public final class SystemBench {
    private static final int APPENDS = 20_000;

    private SystemBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Files.createTempDirectory(Path.of(args[0]), "bench-system")
                : Files.createTempDirectory("bench-system");
        ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-background");
            t.setDaemon(true);
            return t;
        });
        try {
            Path file = dir.resolve("events.jsonl");
            History log = new History(new HistoryFile(file), 5_000, null, background);
            log.open(Instant.now());
            for (int i = 0; i < 5_000; i++) {
                log.add(Instant.now(), entry(i));
            }
            long[] nanos = new long[APPENDS];
            for (int i = 0; i < APPENDS; i++) {
                Map<String, Object> e = entry(i);
                long t0 = System.nanoTime();
                log.add(Instant.now(), e);
                nanos[i] = System.nanoTime() - t0;
            }
            background.submit(() -> null).get();
            long lines;
            try (Stream<String> s = Files.lines(file)) {
                lines = s.count();
            }
            log.close();
            long t0 = System.nanoTime();
            History again = new History(new HistoryFile(file), 5_000, null, background);
            again.open(Instant.now());
            long load = System.nanoTime() - t0;
            again.close();
            Arrays.sort(nanos);
            long over = Arrays.stream(nanos).filter(n -> n > 1_000_000).count();
            System.out.printf("appending one event (%d appends to a full log of 5,000, on %s): median %.3f ms, "
                    + "p99 %.3f ms, max %.3f ms, %d over 1 ms; target <= 1 ms, no whole-file rewrite%n", APPENDS,
                    Files.getFileStore(dir).type(), nanos[APPENDS / 2] / 1e6, nanos[APPENDS * 99 / 100] / 1e6,
                    nanos[APPENDS - 1] / 1e6, over);
            System.out.printf("the file holds %d lines after them (rewritten in the background at 10,000); "
                    + "loading it at start: %.1f ms%n", lines, load / 1e6);
        } finally {
            background.shutdownNow();
            background.awaitTermination(5, TimeUnit.SECONDS);
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Map<String, Object> entry(int i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", Times.iso(Instant.now()));
        m.put("type", i % 2 == 0 ? "sensor_triggered" : "sensor_released");
        m.put("severity", "info");
        m.put("detail", "bench entry " + i);
        return m;
    }
}
