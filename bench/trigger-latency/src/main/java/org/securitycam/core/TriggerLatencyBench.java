package org.securitycam.core;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.osgi.framework.ServiceReference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.securitycam.api.camera.CameraException;
import org.securitycam.api.camera.Recorder;
import org.securitycam.api.camera.RecordingStatus;
import org.securitycam.api.events.Topics;
import org.securitycam.api.presence.PresenceSource;
import org.securitycam.api.sensor.SensorConfig;
import org.securitycam.api.sensor.SensorDriver;
import org.securitycam.api.sensor.SensorListener;
import org.securitycam.api.sensor.SensorSession;
import org.securitycam.api.sensor.SensorTypeInfo;
import org.securitycam.api.sensor.manager.SensorManager;
import org.securitycam.api.settings.SettingsStore;
import org.securitycam.gpio.sim.SimulatedGpio;
import org.securitycam.sensor.reed.ReedSwitchDriver;

/**
 * The real sensor manager, reed switch driver and simulated board, wired by hand as DS would wire them (the
 * settings store in memory, events dropped, the camera a clock). It measures the time from a pin edge to the
 * manager's call to start a recording, then sustains chatter and counts the decisions that come out of it, and
 * times the framework's callbacks into the manager, also while a driver hangs in open.
 */
public final class TriggerLatencyBench {
    private TriggerLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int edges = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Rig rig = Rig.wire(new DroppedEvents());
        SimulatedGpio board = rig.board();
        ReedSwitchDriver reed = rig.reed();
        ClockCamera camera = rig.camera();
        SensorManagerService manager = rig.manager();

        latency(board, camera, edges, 0, "");
        AtomicInteger polls = new AtomicInteger();
        Object presence = presenceActive(manager, polls);
        AtomicBoolean storming = new AtomicBoolean(true);
        long[] told = new long[1];
        Thread storm = new Thread(() -> {
            while (storming.get()) {
                manager.ownerHome(false);
                told[0]++;
                LockSupport.parkNanos(1_000_000);
            }
        }, "owner-home-storm");
        storm.start();
        polls.set(0);
        latency(board, camera, edges, 500_000, " with presence active, 0.5 ms apart");
        storming.set(false);
        storm.join();
        System.out.printf("  (meanwhile %d presence polls, and the manager told %d times whether someone is home)%n",
                polls.get(), told[0]);
        call(presence, "deactivate");

        chatter(board, manager, camera);
        callbacks(manager, reed, "while the manager is idle or reopening the reed switch");
        SensorDriver hanging = new HangingDriver();
        manager.addDriver(hanging, null);
        awaitType(manager, HangingDriver.TYPE);
        long c0 = System.nanoTime();
        manager.configure(Map.of("type", HangingDriver.TYPE));
        System.out.printf("configure of a driver that hangs in open answered after %.0f ms; status: %s%n",
                (System.nanoTime() - c0) / 1e6, manager.status().problem());
        callbacks(manager, reed, "while the manager waits on a driver that hangs in open");
        Thread.sleep(SensorManagerService.OPEN_TIMEOUT_MS);
        System.out.printf("then: %s%n", manager.status().problem());
        manager.deactivate();
        System.exit(0);
    }

    /**
     * The sensor's path wired by hand as DS would wire it: the simulated board, the reed switch driver on its pin 22
     * (no debounce, no hold), the manager posting to {@code events}, and the camera a clock.
     */
    record Rig(SimulatedGpio board, ReedSwitchDriver reed, ClockCamera camera, SensorManagerService manager) {
        static Rig wire(EventAdmin events) throws Exception {
            SimulatedGpio board = new SimulatedGpio();
            ReedSwitchDriver reed = new ReedSwitchDriver();
            inject(reed, "gpio", board);
            ClockCamera camera = new ClockCamera();
            SensorManagerService manager = new SensorManagerService(devProfile(), new MemorySettings(), events);
            inject(manager, "recorder", camera);
            manager.addDriver(reed, null);
            awaitType(manager, "reed_switch");
            board.drive(22, false);
            manager.configure(Map.of("type", "reed_switch", "hold_seconds", 0, "calibration",
                    Map.of("debounce_ms", 0)));
            return new Rig(board, reed, camera, manager);
        }
    }

    private static void latency(SimulatedGpio board, ClockCamera camera, int edges, long gapNanos, String when)
            throws Exception {
        long[] micros = edgeToDecision(board, camera, edges, gapNanos);
        System.out.printf("edge -> decision to record%s, %d edges: p50 %.3f ms  p99 %.3f ms  max %.3f ms%n", when,
                edges, micros[edges / 2] / 1000.0, micros[(int) (edges * 0.99)] / 1000.0, micros[edges - 1] / 1000.0);
    }

    /**
     * Drives the reed switch's pin high, waits for the manager's call to start a recording, drives it low and waits
     * for the stop, {@code edges} times: the times from each rising edge to the start, in microseconds, sorted.
     */
    static long[] edgeToDecision(SimulatedGpio board, ClockCamera camera, int edges, long gapNanos)
            throws InterruptedException {
        long[] micros = new long[edges];
        for (int i = 0; i < edges; i++) {
            if (gapNanos > 0) {
                LockSupport.parkNanos(gapNanos);
            }
            long t0 = System.nanoTime();
            board.drive(22, true);
            long t1 = camera.starts.poll(5, TimeUnit.SECONDS);
            micros[i] = (t1 - t0) / 1_000;
            board.drive(22, false);
            camera.stops.poll(5, TimeUnit.SECONDS);
        }
        Arrays.sort(micros);
        return micros;
    }

    /**
     * The real presence service, wired by hand as DS would: polling each second a Wi-Fi source that sees one
     * station, with one tracked device that is away, and telling the manager after every poll that nobody is home.
     * Meanwhile another thread tells the manager the same 1000 times a second, far more than presence ever does.
     */
    private static Object presenceActive(SensorManagerService manager, AtomicInteger polls) throws Exception {
        Class<?> service = Class.forName("org.securitycam.presence.PresenceService");
        Class<?> config = Class.forName("org.securitycam.presence.PresenceService$Config");
        Object cfg = java.lang.reflect.Proxy.newProxyInstance(config.getClassLoader(), new Class<?>[] { config },
                (proxy, method, args) -> switch (method.getName()) {
                    case "poll_seconds" -> 1;
                    case "notice_seconds" -> 120;
                    case "annotationType" -> config;
                    default -> null;
                });
        MemorySettings tracked = new MemorySettings();
        tracked.update(Map.of("TARGET_AP_MAC_ADDRESSES", List.of(Map.of("address", "AA:BB:CC:DD:EE:FF"))), false);
        Object presence = service.getConstructor(SettingsStore.class, EventAdmin.class, config)
                .newInstance(tracked, new DroppedEvents(), cfg);
        Method bind = service.getDeclaredMethod("bindManager", SensorManager.class);
        bind.setAccessible(true);
        bind.invoke(presence, manager);
        Method add = service.getDeclaredMethod("addSource", PresenceSource.class, ServiceReference.class);
        add.setAccessible(true);
        add.invoke(presence, new PresenceSource() {
            @Override
            public String transport() {
                return WIFI;
            }

            @Override
            public List<String> nearby() {
                polls.incrementAndGet();
                return List.of("11:22:33:44:55:66");
            }

            @Override
            public boolean present(String address) {
                return false;
            }
        }, null);
        return presence;
    }

    private static void call(Object target, String method) throws ReflectiveOperationException {
        Method m = target.getClass().getDeclaredMethod(method);
        m.setAccessible(true);
        m.invoke(target);
    }

    /**
     * 1 kHz edges for 10 s, in bursts: each 100 ms the contact bounces for 50 ms, then settles for 50 ms on the
     * opposite level from the last burst. With a 10 ms debounce exactly one trigger or release must come out of
     * each burst: 50 starts and 50 stops.
     */
    private static void chatter(SimulatedGpio board, SensorManagerService manager, ClockCamera camera)
            throws Exception {
        manager.configure(Map.of("type", "reed_switch", "hold_seconds", 0, "calibration", Map.of("debounce_ms", 10)));
        Thread.sleep(100);
        camera.starts.clear();
        camera.stops.clear();
        camera.startCount.set(0);
        camera.stopCount.set(0);
        long cpu0 = cpuNanos();
        long wall0 = System.nanoTime();
        int edges = 0;
        boolean settled = false;
        for (int burst = 0; burst < 100; burst++) {
            settled = !settled;
            long start = System.nanoTime();
            boolean level = settled;
            for (int ms = 0; ms < 50; ms++) {
                level = !level;
                board.drive(22, level);
                edges++;
                sleepUntil(start + (ms + 1) * 1_000_000L);
            }
            board.drive(22, settled);
            edges++;
            sleepUntil(start + 100_000_000L);
        }
        Thread.sleep(100);
        long wall = System.nanoTime() - wall0;
        long cpu = cpuNanos() - cpu0;
        System.out.printf("chatter: %d edges in %.1f s, CPU %.1f%% of one core; recordings started %d, stopped %d"
                + " (expected 50 and 50)%n", edges, wall / 1e9, 100.0 * cpu / wall, camera.startCount.get(),
                camera.stopCount.get());
    }

    /**
     * How long the framework's callbacks into the manager take: a driver service leaving and coming back (DS unbind
     * and bind), and the two Event Admin topics it handles. Each must only queue work and return.
     */
    private static void callbacks(SensorManagerService manager, SensorDriver driver, String when) {
        int n = 2_000;
        long[] bind = new long[n];
        long[] unbind = new long[n];
        long[] settingsEvent = new long[n];
        long[] recordingEvent = new long[n];
        Event changed = new Event(Topics.SETTINGS_CHANGED, Map.of(Topics.SECTIONS, List.of("Sensor")));
        Event ended = new Event(Topics.RECORDING_STATE, Map.of("recording", false));
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            manager.removeDriver(driver);
            long t1 = System.nanoTime();
            manager.addDriver(driver, null);
            long t2 = System.nanoTime();
            manager.handleEvent(changed);
            long t3 = System.nanoTime();
            manager.handleEvent(ended);
            long t4 = System.nanoTime();
            unbind[i] = t1 - t0;
            bind[i] = t2 - t1;
            settingsEvent[i] = t3 - t2;
            recordingEvent[i] = t4 - t3;
        }
        System.out.printf("callbacks into the manager %s, %d each (target <= 1 ms):%n", when, n);
        print("  DS unbind removeDriver", unbind);
        print("  DS bind addDriver     ", bind);
        print("  Event Admin settings  ", settingsEvent);
        print("  Event Admin recording ", recordingEvent);
    }

    private static void print(String what, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf("%s: p50 %.1f us  p99 %.1f us  max %.1f us%n", what, nanos[nanos.length / 2] / 1e3,
                nanos[(int) (nanos.length * 0.99)] / 1e3, nanos[nanos.length - 1] / 1e3);
    }

    private static void awaitType(SensorManagerService manager, String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (manager.types().stream().noneMatch(t -> t.type().equals(type)) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    /** A driver whose open never returns in time, as a broken third-party driver might. */
    private static final class HangingDriver implements SensorDriver {
        static final String TYPE = "hangs_in_open";
        private static final SensorTypeInfo INFO = SensorTypeInfo.builder(TYPE).build();

        @Override
        public SensorTypeInfo info() {
            return INFO;
        }

        @Override
        public SensorSession open(SensorConfig config, SensorListener listener) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return () -> {
            };
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void inject(Object target, String field, Object value) throws ReflectiveOperationException {
        Class<?> c = target.getClass();
        while (Arrays.stream(c.getDeclaredFields()).noneMatch(d -> d.getName().equals(field))) {
            c = c.getSuperclass(); // the reed switch's board is declared by its base class
        }
        Field f = c.getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    /** A bundle context that knows no framework property: the dev profile, as outside a framework. */
    private static org.osgi.framework.BundleContext devProfile() {
        return (org.osgi.framework.BundleContext) java.lang.reflect.Proxy.newProxyInstance(
                TriggerLatencyBench.class.getClassLoader(), new Class<?>[] { org.osgi.framework.BundleContext.class },
                (proxy, method, args) -> null);
    }

    /** A camera that only notes when it was asked. */
    static final class ClockCamera implements Recorder {
        final BlockingQueue<Long> starts = new ArrayBlockingQueue<>(100_000);
        final BlockingQueue<Long> stops = new ArrayBlockingQueue<>(100_000);
        final AtomicInteger startCount = new AtomicInteger();
        final AtomicInteger stopCount = new AtomicInteger();
        volatile boolean running;

        @Override
        public boolean start(String reason, String sensorType) {
            starts.offer(System.nanoTime());
            startCount.incrementAndGet();
            running = true;
            return true;
        }

        @Override
        public void stop() {
            running = false;
            stops.offer(System.nanoTime());
            stopCount.incrementAndGet();
        }

        @Override
        public String activeReason() {
            return running ? "sensor" : null;
        }

        @Override
        public RecordingStatus status() {
            return running ? new RecordingStatus(true, null, "sensor", null) : RecordingStatus.IDLE;
        }

        @Override
        public Path snapshot() throws CameraException {
            throw new CameraException("This camera only keeps time");
        }
    }

    /** settings.json without the file: the sensor manager validates through itself as the store would. */
    static final class MemorySettings implements SettingsStore {
        private final Map<String, Object> doc = new LinkedHashMap<>();

        @Override
        public Map<String, Object> all() {
            return Map.copyOf(doc);
        }

        @Override
        public Object section(String name) {
            return doc.get(name);
        }

        @Override
        public java.util.Optional<Object> stored(String name) {
            return java.util.Optional.ofNullable(doc.get(name));
        }

        @Override
        public java.util.Set<String> secrets() {
            return java.util.Set.of();
        }

        @Override
        public Map<String, Object> update(Map<String, Object> sections, boolean merge) {
            doc.putAll(sections);
            return Map.copyOf(sections);
        }
    }

    private static final class DroppedEvents implements EventAdmin {
        @Override
        public void postEvent(Event event) {
        }

        @Override
        public void sendEvent(Event event) {
        }
    }
}
