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
import java.util.concurrent.atomic.AtomicInteger;

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

    /** The brokers a bridge meets, each on the port that its system property names. */
    private enum Broker {
        CONNECTED("connected, publishing", "bench.port"),
        SILENT("broker silent (accepts TCP, never answers)", "bench.silent.port"),
        DEAD("broker dead (connection refused)", "bench.dead.port");

        final String shown;
        final String property;

        Broker(String shown, String property) {
            this.shown = shown;
            this.property = property;
        }

        int port() {
            return Integer.getInteger(property);
        }
    }

    /** One way the manager's events go: to no bridge, or to one that meets {@code broker}. */
    private record Variant(Broker broker, boolean async) {
        String name() {
            if (broker == null) {
                return "no MQTT (events dropped)";
            }
            return broker.shown
                    + (async ? ", postEvent (async, in order)" : ", delivered on the manager's thread (sync)");
        }
    }

    /** One run's figures, in microseconds; the bridge's handleEvent p99 in nanoseconds, -1 without a bridge. */
    private record Run(long p50, long p99, long max, long handleP99) {
    }

    public static void main(String[] args) throws Exception {
        int edges = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        RoutedEvents events = new RoutedEvents();
        Rig rig = Rig.wire(events);
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant(null, false));
        for (Broker broker : Broker.values()) {
            variants.add(new Variant(broker, true));
            variants.add(new Variant(broker, false));
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
        runs.forEach((v, list) -> System.out.printf("  %-86s p50 %6.3f ms  p99 %6.3f ms  max %7.3f ms%s%n", v.name(),
                median(list.stream().mapToLong(Run::p50).toArray()) / 1e3,
                median(list.stream().mapToLong(Run::p99).toArray()) / 1e3,
                list.stream().mapToLong(Run::max).max().orElse(0) / 1e3, v.broker() == null ? ""
                        : String.format("  (the bridge's handleEvent p99 %.1f us)",
                                median(list.stream().mapToLong(Run::handleP99).toArray()) / 1e3)));
        System.out.println("  target: p99 <= 2 ms");
        rig.manager().deactivate();
        System.exit(0);
    }

    private static Run run(Rig rig, RoutedEvents events, Variant v, int edges) throws Exception {
        BenchBridge bridge = v.broker() == null ? null : bridge(rig, v.broker().port());
        try {
            if (bridge != null) {
                settle(bridge, v);
                events.route(bridge.handler(), v.async());
            }
            long published = bridge == null ? 0 : published(bridge);
            events.restart();
            long[] micros = TriggerLatencyBench.edgeToDecision(rig.board(), rig.camera(), edges, 0);
            events.drain();
            String said = "";
            long handleP99 = -1;
            if (bridge != null) {
                long after = quiet(bridge);
                if (v.broker() == Broker.CONNECTED && after == published) {
                    throw new IllegalStateException("The connected bridge published nothing: " + bridge.status());
                }
                Map<String, Object> s = bridge.status();
                long[] took = events.took();
                handleP99 = took[(int) (took.length * 0.99)];
                said = String.format("  [%d events to the bridge, its handleEvent p50 %.1f us p99 %.1f us max %.1f us;"
                        + " it published %d, connected %s, dropped %s]", took.length, took[took.length / 2] / 1e3,
                        took[(int) (took.length * 0.99)] / 1e3, took[took.length - 1] / 1e3, after - published,
                        s.get("connected"), s.get("dropped"));
            }
            Run r = new Run(micros[edges / 2], micros[(int) (edges * 0.99)], micros[edges - 1], handleP99);
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
        if (v.broker() == Broker.CONNECTED) {
            while (!Boolean.TRUE.equals(bridge.status().get("connected"))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The bridge did not connect: " + bridge.status());
                }
                Thread.sleep(10);
            }
            quiet(bridge);
        } else if (v.broker() == Broker.DEAD) {
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
     * posting thread itself; sendEvent always in the posting thread. It times each delivery to the handler.
     */
    private static final class RoutedEvents implements EventAdmin {
        private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "event-admin-async");
            t.setDaemon(true);
            return t;
        });
        private final long[] took = new long[1 << 20];
        private final AtomicInteger delivered = new AtomicInteger();
        private volatile EventHandler handler;
        private volatile boolean async;

        void route(EventHandler to, boolean postAsync) {
            this.async = postAsync;
            this.handler = to;
        }

        /** Forgets the deliveries timed so far. */
        void restart() {
            delivered.set(0);
        }

        /** How long each delivery since {@link #restart} took, in nanoseconds, sorted. */
        long[] took() {
            long[] t = Arrays.copyOf(took, Math.min(delivered.get(), took.length));
            Arrays.sort(t);
            return t;
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
            long t0 = System.nanoTime();
            h.handleEvent(event);
            int i = delivered.getAndIncrement();
            if (i < took.length) {
                took[i] = System.nanoTime() - t0;
            }
        }
    }
}
