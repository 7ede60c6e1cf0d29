package org.securitycam.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventHandler;
import org.securitycam.core.TriggerLatencyBench.MemorySettings;
import org.securitycam.core.TriggerLatencyBench.Rig;
import org.securitycam.mqtt.BenchBridge;

/**
 * The edge-to-decision latency of {@link TriggerLatencyBench}, with the sensor manager's events delivered to a real
 * MQTT bridge: none (events dropped), a bridge connected to a real broker and publishing, a bridge whose broker
 * accepts TCP and never answers, and one whose broker refuses the connection; each with the events delivered as
 * Event Admin's postEvent does (on another thread, in order) and synchronously on the manager's own thread (the
 * worst case for the sensor's path). The variants alternate over several rounds, each with a fresh bridge; every run
 * prints its p50, p99 and max, and what the bridge said it published. The broker comes from system properties:
 * {@code bench.host}, {@code bench.port} (connected), {@code bench.silent.port}, {@code bench.dead.port},
 * {@code bench.user}, {@code bench.password}.
 */
public final class MqttTriggerLatencyBench {
    private MqttTriggerLatencyBench() {
    }

    /** One way the manager's events go: to no bridge, or to one whose broker is on {@code port}. */
    private record Variant(String name, int port, boolean async) {
    }

    /** One run's figures, in microseconds. */
    private record Run(long p50, long p99, long max) {
    }

    public static void main(String[] args) throws Exception {
        int edges = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        RoutedEvents events = new RoutedEvents();
        Rig rig = Rig.wire(events);
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("no MQTT (events dropped)", -1, false));
        for (String[] broker : new String[][] { { "connected, publishing", "bench.port" },
                { "broker silent (accepts TCP, never answers)", "bench.silent.port" },
                { "broker dead (connection refused)", "bench.dead.port" } }) {
            int port = Integer.getInteger(broker[1]);
            variants.add(new Variant(broker[0] + ", postEvent (async, in order)", port, true));
            variants.add(new Variant(broker[0] + ", delivered on the manager's thread (sync)", port, false));
        }
        System.out.printf("edge -> decision to record with the MQTT bridge: %d edges per run, %d rounds after one"
                + " not counted, the variants alternating%n", edges, rounds);
        Map<Variant, List<Run>> runs = new LinkedHashMap<>();
        variants.forEach(v -> runs.put(v, new ArrayList<>()));
        for (int round = 0; round <= rounds; round++) {
            System.out.printf("round %d%s, load %s%n", round, round == 0 ? " (warm-up, not counted)" : "", load());
            for (int i = 0; i < variants.size(); i++) {
                Variant v = variants.get((i + round) % variants.size());
                Run r = run(rig, events, v, edges);
                if (round > 0) {
                    runs.get(v).add(r);
                }
            }
        }
        System.out.printf("summary over %d rounds (median of the runs' p50 and p99, the largest max), load %s:%n",
                rounds, load());
        runs.forEach((v, list) -> System.out.printf("  %-86s p50 %6.3f ms  p99 %6.3f ms  max %7.3f ms%n", v.name(),
                median(list.stream().mapToLong(Run::p50).toArray()) / 1e3,
                median(list.stream().mapToLong(Run::p99).toArray()) / 1e3,
                list.stream().mapToLong(Run::max).max().orElse(0) / 1e3));
        System.out.println("  target: p99 <= 2 ms");
        rig.manager().deactivate();
        System.exit(0);
    }

    private static Run run(Rig rig, RoutedEvents events, Variant v, int edges) throws Exception {
        BenchBridge bridge = v.port() < 0 ? null : bridge(rig, v.port());
        try {
            if (bridge != null) {
                settle(bridge, v);
                events.route(bridge.handler(), v.async());
            }
            long published = bridge == null ? 0 : published(bridge);
            long delivered = events.delivered.get();
            long[] micros = TriggerLatencyBench.edgeToDecision(rig.board(), rig.camera(), edges, 0);
            events.drain();
            Run r = new Run(micros[edges / 2], micros[(int) (edges * 0.99)], micros[edges - 1]);
            String said = "";
            if (bridge != null) {
                long after = quiet(bridge);
                Map<String, Object> s = bridge.status();
                said = String.format("  [%d events to the bridge; it published %d, connected %s, dropped %s]",
                        events.delivered.get() - delivered, after - published, s.get("connected"), s.get("dropped"));
            }
            System.out.printf("  %-86s p50 %6.3f ms  p99 %6.3f ms  max %7.3f ms%s%n", v.name(), r.p50() / 1e3,
                    r.p99() / 1e3, r.max() / 1e3, said);
            return r;
        } finally {
            events.route(null, false);
            if (bridge != null) {
                bridge.close();
            }
        }
    }

    /** A bridge as the device has it with MQTT enabled; a bench needs no settings.json, so the store is memory. */
    private static BenchBridge bridge(Rig rig, int port) {
        MemorySettings settings = new MemorySettings();
        settings.update(Map.of("MQTT", Map.of("enabled", true, "host", System.getProperty("bench.host", "127.0.0.1"),
                "port", port, "username", System.getProperty("bench.user", ""), "password",
                System.getProperty("bench.password", ""), "base_topic", "bench/latency")), false);
        return new BenchBridge(settings, rig.manager());
    }

    /**
     * Waits for the state the variant stands for: connected and done with the publishing of a connect; or, for a
     * broker that never answers, inside its connect; or, for a dead one, past its first refusal.
     */
    private static void settle(BenchBridge bridge, Variant v) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        if (v.port() == Integer.getInteger("bench.port")) {
            while (!Boolean.TRUE.equals(bridge.status().get("connected"))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The bridge did not connect: " + bridge.status());
                }
                Thread.sleep(10);
            }
            quiet(bridge);
        } else if (v.port() == Integer.getInteger("bench.dead.port")) {
            while (bridge.status().get("last_error") == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } else {
            Thread.sleep(300);
        }
    }

    /** Waits until the bridge has published nothing for 300 ms (at most 5 s); its published count then. */
    private static long quiet(BenchBridge bridge) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long last = published(bridge);
        while (System.nanoTime() < deadline) {
            Thread.sleep(300);
            long now = published(bridge);
            if (now == last) {
                break;
            }
            last = now;
        }
        return last;
    }

    private static long published(BenchBridge bridge) {
        return ((Number) bridge.status().get("published")).longValue();
    }

    private static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException notLinux) {
            return "?";
        }
    }

    /**
     * Event Admin as far as the manager uses it, delivering to one handler or none: postEvent as Felix's does it,
     * queued for a delivery thread that keeps the order in which they were posted, or (the worst case) in the
     * posting thread itself; sendEvent always in the posting thread.
     */
    private static final class RoutedEvents implements EventAdmin {
        private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "event-admin-async");
            t.setDaemon(true);
            return t;
        });
        final AtomicLong delivered = new AtomicLong();
        private volatile EventHandler handler;
        private volatile boolean async;

        void route(EventHandler to, boolean postAsync) {
            this.async = postAsync;
            this.handler = to;
        }

        /** Waits until every event posted so far was delivered. */
        void drain() throws Exception {
            delivery.submit(() -> {
            }).get(30, TimeUnit.SECONDS);
        }

        @Override
        public void postEvent(Event event) {
            EventHandler h = handler;
            if (h == null) {
                return;
            }
            if (async) {
                delivery.execute(() -> deliver(h, event));
            } else {
                deliver(h, event);
            }
        }

        @Override
        public void sendEvent(Event event) {
            EventHandler h = handler;
            if (h != null) {
                deliver(h, event);
            }
        }

        private void deliver(EventHandler h, Event event) {
            h.handleEvent(event);
            delivered.incrementAndGet();
        }
    }
}
