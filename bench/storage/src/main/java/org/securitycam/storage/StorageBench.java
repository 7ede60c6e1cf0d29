package org.securitycam.storage;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.BundleContext;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.securitycam.api.events.Topics;
import org.securitycam.api.media.MediaKind;
import org.securitycam.api.media.MediaStore;
import org.securitycam.api.settings.SettingsStore;
import org.securitycam.media.MediaStoreService;

/**
 * The storage service and the media store of the device, wired by hand (settings in memory, events dropped), over
 * 100,000 small media files on disk: 50,000 recordings with a meta and a thumbnail, 10,000 timelapses with a
 * thumbnail, 40,000 snapshots. A cleanup deletes half of them, once by disk use on a tmpfs (the disk measured after
 * every deletion; skipped where mounting is refused) and once by age; meanwhile the check before a recording is
 * called every 5 ms. Then the status and the check on their own.
 */
public final class StorageBench {
    private static final int RECORDINGS = 50_000;
    private static final int TIMELAPSES = 10_000;
    private static final int SNAPSHOTS = 40_000;
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private StorageBench() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Files.createTempDirectory("bench-storage");
        try {
            Path sd = Files.createDirectories(base.resolve("sd"));
            // 100,000 media and 110,000 sidecars, a page each: about 820 MiB on a tmpfs of 1250 MiB.
            if (run("mount", "-t", "tmpfs", "-o", "size=1250m,nr_inodes=400k", "tmpfs", sd.toString())) {
                try {
                    byUsage(sd.resolve("recordings"));
                } finally {
                    run("umount", "-l", sd.toString());
                }
            } else {
                System.out.println("cleanup by disk use: skipped (mounting a tmpfs needs root)");
            }
            byAge(base.resolve("recordings"));
        } finally {
            run("rm", "-rf", base.toString());
        }
        System.exit(0);
    }

    private static void byUsage(Path folder) throws Exception {
        Map<String, Object> limit = new LinkedHashMap<>(Map.of("enabled", true, "max_percent", 95, "max_days", 0));
        Device d = new Device(folder, limit);
        fill(folder, 0);
        // Half the media: every recording, which with its sidecars fills 150,000 of the 210,000 pages.
        double percent = d.store.usage().percent();
        limit.put("max_percent", (int) Math.round(percent * 60 / 210));
        d.settingsChanged();
        System.out.printf("cleanup by disk use, 100,000 media on a tmpfs at %.1f %%, limit %s %%:%n", percent,
                limit.get("max_percent"));
        cleanup(d);
        status(d);
        guardAlone(d, "auto-delete on");
        limit.put("enabled", false);
        d.settingsChanged();
        guardAlone(d, "auto-delete off, which measures the disk");
        d.service.deactivate();
    }

    private static void byAge(Path folder) throws Exception {
        Map<String, Object> limit = Map.of("enabled", true, "max_percent", 95, "max_days", 365);
        Device d = new Device(folder, limit);
        // Half the files, of every kind, are more than a year old.
        fill(folder, 2);
        System.out.printf("cleanup by age, 100,000 media in %s, older than 365 days:%n", folder.getParent());
        cleanup(d);
        d.service.deactivate();
    }

    /** The cleanup's time and what it did, with the check before a recording called every 5 ms meanwhile. */
    private static void cleanup(Device d) throws Exception {
        System.gc();
        long heap = usedHeap();
        double listing = time(() -> count(d.store));
        System.gc();
        int before = count(d.store);
        System.out.printf("  the media store's index of the %d files: %.1f MB of heap, read in %.0f ms%n", before,
                (usedHeap() - heap) / 1048576.0, listing);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Long> checks = new ArrayList<>();
        Thread trigger = new Thread(() -> {
            while (running.get()) {
                long t0 = System.nanoTime();
                d.service.beforeRecording();
                synchronized (checks) {
                    checks.add(System.nanoTime() - t0);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        trigger.setDaemon(true);
        resetPeakHeap();
        long t0 = System.nanoTime();
        trigger.start();
        StorageService.Cleanup c;
        try {
            c = d.service.cleanup(10, TimeUnit.MINUTES);
        } finally {
            running.set(false);
        }
        long took = System.nanoTime() - t0;
        trigger.join();
        System.out.printf("  %d of %d media deleted, %.1f MB freed, in %.2f s; the disk at %s %% after; "
                + "peak heap %.1f MB (-Xmx%d MB)%n", c.result().deleted(), before, Units.mb(c.result().freed()),
                took / 1e9, c.result().usage() == null ? "?" : Units.percent(c.result().usage()),
                peakHeap() / 1048576.0, Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("  check before a recording, meanwhile: " + summary(checks));
        System.out.printf("  %d media left (listing them again: %.0f ms)%n", count(d.store),
                time(() -> count(d.store)));
    }

    private static void status(Device d) {
        for (int i = 0; i < 200; i++) {
            d.service.status();
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            long t0 = System.nanoTime();
            d.service.status();
            times.add(System.nanoTime() - t0);
        }
        System.out.println("status (in process):                  " + summary(times));
    }

    private static void guardAlone(Device d, String what) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            long t0 = System.nanoTime();
            d.service.beforeRecording();
            times.add(System.nanoTime() - t0);
        }
        System.out.println("check before a recording, " + what + ": " + summary(times));
    }

    private static int count(MediaStore store) {
        int n = 0;
        for (MediaKind kind : MediaKind.values()) {
            n += store.count(kind);
        }
        return n;
    }

    /**
     * The media, a minute apart (snapshots ten seconds); with {@code stride} 2, every other file of each kind a year
     * and a half older. Names are unique by kind; the store orders by modification time.
     */
    private static void fill(Path folder, int stride) throws IOException {
        Path timelapses = Files.createDirectories(folder.resolve("timelapse"));
        byte[] small = new byte[1024];
        Instant now = Instant.now();
        long t0 = System.nanoTime();
        for (int i = 0; i < RECORDINGS; i++) {
            Instant t = age(now, i, stride, 60);
            String name = "output_" + stamp(now.minusSeconds(i), SECOND);
            write(folder.resolve(name + ".mp4"), small, t);
            write(folder.resolve(name + ".meta.json"), small, t);
            write(folder.resolve(name + ".thumb.jpg"), small, t);
        }
        for (int i = 0; i < TIMELAPSES; i++) {
            Instant t = age(now, i, stride, 60);
            String name = "timelapse_" + stamp(now.minusSeconds(86_400L * i), DAY);
            write(timelapses.resolve(name + ".mp4"), small, t);
            write(timelapses.resolve(name + ".thumb.jpg"), small, t);
        }
        for (int i = 0; i < SNAPSHOTS; i++) {
            Instant t = age(now, i, stride, 10);
            write(folder.resolve("snapshot_" + stamp(now.minusSeconds(i), SECOND) + ".jpg"), small, t);
        }
        System.out.printf("  (%d media and %d sidecars written in %.1f s)%n", RECORDINGS + TIMELAPSES + SNAPSHOTS,
                2 * RECORDINGS + TIMELAPSES, (System.nanoTime() - t0) / 1e9);
    }

    /** The {@code i}-th file's time: {@code spacing} s apart, and with a stride every other one 548 days older. */
    private static Instant age(Instant now, int i, int stride, int spacing) {
        Instant t = now.minusSeconds((long) spacing * (i + 1));
        return stride > 0 && i % stride == 0 ? t.minusSeconds(86_400L * 548) : t;
    }

    private static String stamp(Instant t, DateTimeFormatter f) {
        return LocalDateTime.ofInstant(t, ZoneId.systemDefault()).format(f);
    }

    private static void write(Path p, byte[] content, Instant modified) throws IOException {
        Files.write(p, content);
        Files.setLastModifiedTime(p, FileTime.from(modified));
    }

    private static String summary(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return "no calls";
        }
        return String.format("median %.3f ms, p99 %.3f ms, max %.3f ms over %d calls", sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    private static double time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long usedHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getUsage().getUsed();
            }
        }
        return sum;
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }

    /** The media store and the storage service over one save location, settings in memory. */
    private static final class Device {
        final MediaStore store;
        final StorageService service;

        Device(Path folder, Map<String, Object> limit) throws IOException {
            Files.createDirectories(folder);
            SettingsStore settings = (SettingsStore) Proxy.newProxyInstance(StorageBench.class.getClassLoader(),
                    new Class<?>[] { SettingsStore.class }, (p, m, a) -> !m.getName().equals("section") ? null
                            : StorageLimit.SECTION.equals(a[0]) ? new LinkedHashMap<>(limit) : folder.toString());
            BundleContext context = (BundleContext) Proxy.newProxyInstance(StorageBench.class.getClassLoader(),
                    new Class<?>[] { BundleContext.class }, (p, m, a) -> null);
            EventAdmin events = new EventAdmin() {
                @Override
                public void postEvent(Event event) {
                }

                @Override
                public void sendEvent(Event event) {
                }
            };
            this.store = new MediaStoreService(context, settings, events);
            this.service = new StorageService(store, settings, events);
        }

        void settingsChanged() {
            service.handleEvent(new Event(Topics.SETTINGS_CHANGED,
                    Map.of(Topics.SECTIONS, List.of(StorageLimit.SECTION))));
        }
    }
}
