package org.securitycam.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.securitycam.api.events.Topics;
import org.securitycam.api.presence.PresenceSource;
import org.securitycam.api.presence.TrackedDevice;
import org.securitycam.api.settings.SettingsStore;

/** The poller with sources that answer, hang or go away; settings in memory, events collected. */
class PresenceServiceTest {
    private static final String PHONE = "AA:BB:CC:DD:EE:01";
    private static final String TABLET = "AA:BB:CC:DD:EE:02";
    private static final long CALL_TIMEOUT_MS = 300;

    private final Events events = new Events();
    private final MemorySettings settings = new MemorySettings();
    private PresenceService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.deactivate();
        }
    }

    @Test
    void aHungSourceCostsOnePollItsTimeLimitAndNeverHoldsUpTheOtherSources() throws Exception {
        start();
        service.track(PresenceSource.WIFI, TrackedDevice.of(PHONE, "Phone"));
        service.track(PresenceSource.BLUETOOTH, TrackedDevice.of(TABLET, null));
        Fake wifi = new Fake(PresenceSource.WIFI, 1);
        wifi.near.add(PHONE);
        CountDownLatch release = new CountDownLatch(1);
        Fake hung = new Fake(PresenceSource.BLUETOOTH, 3) {
            @Override
            public boolean present(String address) {
                calls.incrementAndGet();
                try {
                    release.await(); // ignores interruption, as a badly written source would
                } catch (InterruptedException e) {
                    awaitUninterruptibly(release);
                }
                return true;
            }
        };
        service.addSource(hung, null);
        service.addSource(wifi, null);
        long t0 = System.nanoTime();
        Event arrived = events.await(Topics.PRESENCE_CHANGE, 5_000);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(PHONE, arrived.getProperty("address"));
        assertTrue(ms < CALL_TIMEOUT_MS * 4, "the Wi-Fi answer waited " + ms + " ms");
        assertTrue(service.snapshot().online().get(PresenceSource.WIFI).get(PHONE));
        assertFalse(service.snapshot().online().get(PresenceSource.BLUETOOTH).get(TABLET));

        // While its call has not returned, later polls ask it nothing and do not wait for it.
        int before = hung.calls.get();
        events.clear();
        t0 = System.nanoTime();
        service.handleEvent(new Event(Topics.EVENTS_CLIENT, Map.of()));
        assertNotNull(events.await(Topics.CONNECTIONS, 5_000));
        ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < CALL_TIMEOUT_MS, "a poll with a hung source took " + ms + " ms");
        assertEquals(before, hung.calls.get());
        PresenceService.SourceStatus bt = service.snapshot().sources().get(PresenceSource.BLUETOOTH);
        assertFalse(bt.active());
        assertTrue(bt.problem().contains("given up"), bt.problem());
        release.countDown();
    }

    @Test
    void removingASourceRemovesItsVotesAndTheManagerHearsNobodyIsHome() throws Exception {
        start();
        service.track(PresenceSource.BLUETOOTH, TrackedDevice.of(PHONE, null));
        Fake bt = new Fake(PresenceSource.BLUETOOTH, 3);
        bt.near.add(PHONE);
        service.addSource(bt, null);
        assertEquals(true, events.await(Topics.PRESENCE_CHANGE, 5_000).getProperty("online"));
        Event notice = events.await(Topics.PRESENCE_NOTICE, 5_000);
        assertEquals(Map.of("address", PHONE, "transport", "bt", "online", true),
                Map.of("address", notice.getProperty("address"), "transport", notice.getProperty("transport"),
                        "online", notice.getProperty("online")));
        assertTrue(service.snapshot().sources().get(PresenceSource.BLUETOOTH).active());

        service.removeSource(bt);
        Event left = events.await(Topics.PRESENCE_CHANGE, 5_000);
        assertEquals(false, left.getProperty("online"));
        assertFalse(service.snapshot().sources().containsKey(PresenceSource.BLUETOOTH));
        assertTrue(events.drain(Topics.PRESENCE_NOTICE).isEmpty(), "the notice is held back by the quiet time");
    }

    @Test
    void everyPollPostsTheConnectionsCounts() throws Exception {
        start();
        service.track(PresenceSource.WIFI, TrackedDevice.of(PHONE, null));
        service.track(PresenceSource.WIFI, TrackedDevice.of(TABLET, null));
        Fake wifi = new Fake(PresenceSource.WIFI, 1);
        wifi.near.addAll(List.of(PHONE, "11:22:33:44:55:66"));
        service.addSource(wifi, null);
        events.await(Topics.PRESENCE_CHANGE, 5_000);
        Event c = events.await(Topics.CONNECTIONS, 5_000);
        assertEquals(Map.of("online", 1L, "total", 2), c.getProperty("wifi"));
        assertEquals(Map.of("online", 0L, "total", 0), c.getProperty("bluetooth"));
        assertEquals(2, c.getProperty("ap_clients"));
    }

    private void start() {
        service = new PresenceService(settings, events, config(3600, 120), () -> System.nanoTime() / 1_000_000,
                CALL_TIMEOUT_MS);
        settings.listener = service;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException again) {
                // keep hanging
            }
        }
    }

    static PresenceService.Config config(int pollSeconds, int noticeSeconds) {
        return new PresenceService.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PresenceService.Config.class;
            }

            @Override
            public int poll_seconds() {
                return pollSeconds;
            }

            @Override
            public int notice_seconds() {
                return noticeSeconds;
            }
        };
    }

    /** A source that sees what the test says. */
    static class Fake implements PresenceSource {
        final Set<String> near = ConcurrentHashMap.newKeySet();
        final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        private final String transport;
        private final int misses;

        Fake(String transport, int misses) {
            this.transport = transport;
            this.misses = misses;
        }

        @Override
        public String transport() {
            return transport;
        }

        @Override
        public int missesBeforeGone() {
            return misses;
        }

        @Override
        public List<String> nearby() {
            return List.copyOf(near);
        }

        @Override
        public boolean present(String address) {
            calls.incrementAndGet();
            return near.contains(address);
        }
    }

    /** Collects posted events. */
    static final class Events implements EventAdmin {
        private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();

        @Override
        public void postEvent(Event event) {
            queue.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            queue.add(event);
        }

        Event await(String topic, long millis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + millis;
            for (long left = millis; left > 0; left = deadline - System.currentTimeMillis()) {
                Event e = queue.poll(left, TimeUnit.MILLISECONDS);
                if (e != null && e.getTopic().equals(topic)) {
                    return e;
                }
            }
            throw new AssertionError("No " + topic + " within " + millis + " ms");
        }

        List<Event> drain(String topic) {
            return queue.stream().filter(e -> e.getTopic().equals(topic)).toList();
        }

        void clear() {
            queue.clear();
        }
    }

    /** The two tracked sections in memory, ruled by the real owner, announcing writes as the store does. */
    static final class MemorySettings implements SettingsStore {
        private final Map<String, Object> stored = new HashMap<>();
        private final TrackedSections rules = new TrackedSections();
        volatile PresenceService listener;

        @Override
        public synchronized Map<String, Object> all() {
            return Map.copyOf(stored);
        }

        @Override
        public synchronized Object section(String name) {
            return stored.getOrDefault(name, rules.defaults(name));
        }

        @Override
        public synchronized Optional<Object> stored(String name) {
            return Optional.ofNullable(stored.get(name));
        }

        @Override
        public Set<String> secrets() {
            return Set.of();
        }

        @Override
        public Map<String, Object> update(Map<String, Object> sections, boolean merge) {
            Map<String, Object> written = new HashMap<>();
            synchronized (this) {
                sections.forEach((k, v) -> written.put(k, rules.validate(k, v)));
                stored.putAll(written);
            }
            if (listener != null) {
                listener.handleEvent(new Event(Topics.SETTINGS_CHANGED,
                        Map.of(Topics.SECTIONS, List.copyOf(written.keySet()))));
            }
            return written;
        }
    }
}
