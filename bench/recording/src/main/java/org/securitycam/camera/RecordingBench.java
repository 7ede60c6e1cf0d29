package org.securitycam.camera;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.securitycam.api.camera.RecordingStatus;
import org.securitycam.api.settings.SettingsStore;
import org.securitycam.media.MediaStoreService;

/**
 * The real camera component on the real media store, wired by hand (settings in memory, events dropped, the dev
 * test pattern): the time from start() to the ffmpeg process running, and to the first byte of the recording on
 * disk; then snapshots; then how long a clean stop takes with a recording running.
 */
public final class RecordingBench {
    private RecordingBench() {
    }

    public static void main(String[] args) throws Exception {
        int triggers = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path home = Files.createTempDirectory("bench-home");
        Path folder = Files.createDirectories(home.resolve("recordings"));
        SettingsStore settings = (SettingsStore) Proxy.newProxyInstance(RecordingBench.class.getClassLoader(),
                new Class<?>[] { SettingsStore.class },
                (p, m, a) -> m.getName().equals("section") ? folder.toString() : null);
        BundleContext context = (BundleContext) Proxy.newProxyInstance(RecordingBench.class.getClassLoader(),
                new Class<?>[] { BundleContext.class }, (p, m, a) -> switch (m.getName()) {
                    case "getProperty" -> "securitycam.home".equals(a[0]) ? home.toString() : null;
                    case "getDataFile" -> home.resolve("data").resolve((String) a[0]).toFile();
                    default -> null;
                });
        EventAdmin events = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
            }

            @Override
            public void sendEvent(Event event) {
            }
        };
        FfmpegCamera camera = new FfmpegCamera(context, new MediaStoreService(context, settings, events), events,
                defaults());

        // The first start after boot loads the classes of process spawning; it is printed, then left out.
        long cold = System.nanoTime();
        camera.start("sensor");
        System.out.printf("first (cold) start() -> ffmpeg running: %.1f ms%n", (System.nanoTime() - cold) / 1e6);
        camera.stop();
        Thread.sleep(1_100);

        long[] started = new long[triggers];
        long[] firstByte = new long[triggers];
        for (int i = 0; i < triggers; i++) {
            long t0 = System.nanoTime();
            if (!camera.start("sensor")) {
                throw new IllegalStateException("the camera did not start; is ffmpeg installed?");
            }
            started[i] = (System.nanoTime() - t0) / 1_000;
            RecordingStatus s = camera.status();
            while (!Files.exists(s.file()) || Files.size(s.file()) == 0) {
                Thread.sleep(1);
            }
            firstByte[i] = (System.nanoTime() - t0) / 1_000;
            camera.stop();
            Thread.sleep(1_100); // the next file name is a second later
        }
        System.out.println("start() -> ffmpeg running:     " + summary(started));
        System.out.println("start() -> first byte on disk: " + summary(firstByte));

        long[] snaps = new long[10];
        for (int i = 0; i < snaps.length; i++) {
            long t0 = System.nanoTime();
            camera.snapshot();
            snaps[i] = (System.nanoTime() - t0) / 1_000;
            Thread.sleep(1_000);
        }
        System.out.println("snapshot:                       " + summary(snaps));

        // A clean stop (what SIGTERM does to the component) with a 6 s recording running: ffmpeg quits, the file
        // is remuxed, its sprite made and its meta completed before deactivate() returns.
        camera.start("manual");
        Thread.sleep(6_000);
        long t0 = System.nanoTime();
        camera.deactivate();
        System.out.printf("clean stop with a 6 s recording running: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        System.exit(0);
    }

    private static String summary(long[] micros) {
        long[] s = micros.clone();
        Arrays.sort(s);
        return String.format("p50 %.1f ms  p99 %.1f ms  max %.1f ms (n=%d)", s[s.length / 2] / 1000.0,
                s[(int) Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)] / 1000.0, s[s.length - 1] / 1000.0,
                s.length);
    }

    /** The camera's configuration with every default, as Config Admin would give it. */
    private static CameraConfig defaults() {
        return (CameraConfig) Proxy.newProxyInstance(RecordingBench.class.getClassLoader(),
                new Class<?>[] { CameraConfig.class }, (p, m, a) -> {
                    if (m.getName().equals("annotationType")) {
                        return CameraConfig.class;
                    }
                    Object d = m.getDefaultValue();
                    return d != null ? d : Map.of().get(m.getName());
                });
    }

}
