package org.securitycam.media;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.StreamingOutput;

import org.securitycam.api.media.MediaKind;

/**
 * The real media store over N media files on disk (nine in ten recordings with a thumbnail, a sprite and a meta,
 * the rest snapshots; empty media, small sidecars): the heap its index retains per media file once listed, and once
 * the archive route built its body (every meta read); the time of the first listing and of the next, and of the
 * /archive body, first and next. Each figure is the median of several runs, each on a new store.
 */
public final class MediaIndexBench {
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final int RUNS = 3;
    private static final Request ANY = (Request) Proxy.newProxyInstance(MediaIndexBench.class.getClassLoader(),
            new Class<?>[] { Request.class }, (p, m, a) -> null);

    private MediaIndexBench() {
    }

    public static void main(String[] args) throws Exception {
        int[] counts = args.length == 0 ? new int[] { 10_000, 100_000 }
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf("heap: -Xmx%d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        for (int n : counts) {
            Path base = Files.createTempDirectory("bench-media");
            try {
                fill(base, n);
                measure(base, n);
            } catch (OutOfMemoryError e) {
                System.out.printf("%,d files: OutOfMemoryError%n", n);
            } finally {
                run("rm", "-rf", base.toString());
            }
        }
        System.exit(0);
    }

    private static void measure(Path base, int n) throws Exception {
        double[] listed = new double[RUNS];
        double[] archived = new double[RUNS];
        double[] first = new double[RUNS];
        double[] again = new double[RUNS];
        double[] archiveFirst = new double[RUNS];
        double[] archiveAgain = new double[RUNS];
        long bytes = 0;
        for (int r = 0; r < RUNS; r++) {
            long before = usedHeap();
            // A clock a minute ahead: the folders were just filled, and a folder changed within the last two
            // seconds is read again on every call.
            MediaStoreService store = new MediaStoreService(() -> base, e -> { }, () -> System.currentTimeMillis()
                    + 60_000);
            first[r] = time(() -> list(store));
            again[r] = median(5, () -> list(store));
            listed[r] = (double) (usedHeap() - before) / n;
            MediaRoutes routes = new MediaRoutes(store);
            long t0 = System.nanoTime();
            bytes = body(routes);
            archiveFirst[r] = (System.nanoTime() - t0) / 1e6;
            archiveAgain[r] = median(5, () -> body(routes));
            archived[r] = (double) (usedHeap() - before) / n;
            if (list(store) != n) {
                throw new IllegalStateException("listed " + list(store) + " of " + n);
            }
        }
        System.out.printf("%,d files (%,d recordings with 3 sidecars, %,d snapshots):%n", n, recordings(n),
                n - recordings(n));
        System.out.printf("  index retained: %.0f bytes per file once listed, %.0f once /archive was built%n",
                median(listed), median(archived));
        System.out.printf("  listing: first %.0f ms, next %.2f ms%n", median(first), median(again));
        System.out.printf("  /archive body (%,d recordings, %.1f MB): first %.0f ms, next %.2f ms%n", recordings(n),
                bytes / 1048576.0, median(archiveFirst), median(archiveAgain));
    }

    private static int recordings(int n) {
        return n * 9 / 10;
    }

    private static int list(MediaStoreService store) {
        return store.list(MediaKind.RECORDING).size() + store.list(MediaKind.SNAPSHOT).size();
    }

    /** The route's answer written out, as Jetty would: its length. */
    private static long body(MediaRoutes routes) {
        try {
            Object entity = routes.archive(ANY).getEntity();
            if (entity instanceof byte[] b) {
                return b.length;
            }
            Counting out = new Counting();
            ((StreamingOutput) entity).write(out);
            return out.count;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void fill(Path base, int n) throws IOException {
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        byte[] page = new byte[512];
        for (int i = 0; i < n; i++) {
            Instant at = t.plusSeconds(60L * i);
            String stamp = SECOND.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
            Path media;
            if (i < recordings(n)) {
                media = Files.write(base.resolve("output_" + stamp + ".mp4"), new byte[0]);
                Files.write(base.resolve("output_" + stamp + ".thumb.jpg"), page);
                Files.write(base.resolve("output_" + stamp + ".sprite.jpg"), page);
                Files.write(base.resolve("output_" + stamp + ".meta.json"), ("{\"reason\":\"sensor\",\"started\":\""
                        + at.minusSeconds(10) + "\",\"stopped\":\"" + at + "\",\"duration_seconds\":10.0}")
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                media = Files.write(base.resolve("snapshot_" + stamp + ".jpg"), new byte[0]);
            }
            Files.setLastModifiedTime(media, FileTime.from(at));
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double time(Work w) throws Exception {
        long t0 = System.nanoTime();
        w.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(int runs, Work w) throws Exception {
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            t[i] = time(w);
        }
        return median(t);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The heap in use after a full collection. */
    private static long usedHeap() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getUsage().getUsed();
            }
        }
        return sum;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    private static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
