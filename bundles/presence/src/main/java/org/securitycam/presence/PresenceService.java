package org.securitycam.presence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.securitycam.api.events.Topics;
import org.securitycam.api.presence.Presence;
import org.securitycam.api.presence.PresenceSource;
import org.securitycam.api.presence.TrackedDevice;
import org.securitycam.api.sensor.manager.SensorManager;
import org.securitycam.api.settings.SettingsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the presence sources on a thread of its own, every interval and soon after an {@code /events} client
 * connects (at most every 5 s) or the tracked lists change, and keeps what it found in a cache that routes and the
 * sensor manager read without waiting. Each source is asked on its own thread with a time limit, so sources poll in
 * parallel and a hung one never holds up the others or the cache. After each poll it tells the sensor manager
 * whether someone is home, and posts every arrival and departure, throttled {@code presence_change} notices and the
 * {@code connections} counts.
 */
@Component(service = { Presence.class, PresenceService.class, EventHandler.class },
        configurationPid = PresenceService.PID, property = {
                EventConstants.EVENT_TOPIC + "=" + Topics.SETTINGS_CHANGED,
                EventConstants.EVENT_TOPIC + "=" + Topics.EVENTS_CLIENT })
@Designate(ocd = PresenceService.Config.class)
public class PresenceService implements Presence, EventHandler {
    static final String PID = "securitycam.presence";
    static final List<String> TRANSPORTS = List.of(PresenceSource.BLUETOOTH, PresenceSource.WIFI);
    /** A connecting {@code /events} client polls at once, but clients together poll at most this often. */
    static final long CLIENT_POLL_MS = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(PresenceService.class);

    @ObjectClassDefinition(name = "security-cam presence",
            description = "How often the tracked devices (TARGET_BT_ADDRESSES, TARGET_AP_MAC_ADDRESSES) are polled")
    @interface Config {
        @AttributeDefinition(name = "Poll interval (s)", min = "1",
                description = "Seconds between polls of every presence source")
        int poll_seconds() default 30;

        @AttributeDefinition(name = "presence_change quiet time (s)", min = "0",
                description = "At most one presence_change event per device in this many seconds")
        int notice_seconds() default 120;
    }

    /** What the routes show: each tracked device's presence, each transport's sources, the access point's clients. */
    record Snapshot(Map<String, Map<String, Boolean>> online, Map<String, SourceStatus> sources, int apClients) {
    }

    /** The sources of one transport: whether one of them answers, and why not, or what it last failed at. */
    record SourceStatus(boolean active, String problem) {
    }

    private final SettingsStore settings;
    private final EventAdmin events;
    private final LongSupplier clock;
    private final long callTimeoutMillis;
    private final ScheduledExecutorService poller;
    private final ExecutorService runners;
    /** Changed only on the poller thread; read when the service stops, too. */
    private final List<SourceSlot> slots = new CopyOnWriteArrayList<>();
    private final PresenceState state;
    private final Object scheduling = new Object();

    // Guarded by state.
    private List<SourceSlot.Answer> lastAnswers = List.of();
    private volatile Snapshot snapshot;
    private volatile boolean home;

    // Guarded by scheduling.
    private ScheduledFuture<?> periodic;
    private ScheduledFuture<?> soon;
    private long soonAt;
    private ScheduledFuture<?> noticeFlush;
    private long lastClientPoll = Long.MIN_VALUE / 2;

    // Optional and dynamic: the sensor manager may be missing or restarted; it is told again whenever it returns.
    private volatile SensorManager manager;

    @Activate
    public PresenceService(@Reference SettingsStore settings, @Reference EventAdmin events, Config config) {
        this(settings, events, config, () -> System.nanoTime() / 1_000_000, PresenceSource.CALL_TIMEOUT_MS);
    }

    PresenceService(SettingsStore settings, EventAdmin events, Config config, LongSupplier clock,
            long callTimeoutMillis) {
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.callTimeoutMillis = callTimeoutMillis;
        this.state = new PresenceState(config.notice_seconds() * 1000L);
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "presence-poll"));
        AtomicInteger n = new AtomicInteger();
        this.runners = Executors.newCachedThreadPool(r -> daemon(r, "presence-source-" + n.incrementAndGet()));
        refreshTracked();
        schedulePolls(config);
    }

    @Modified
    void modified(Config config) {
        synchronized (state) {
            state.throttleMillis(config.notice_seconds() * 1000L);
        }
        schedulePolls(config);
    }

    /** Nobody can tell any more who is home, so nobody is: the sensor records again. */
    @Deactivate
    void deactivate() {
        poller.shutdownNow();
        runners.shutdownNow();
        slots.forEach(SourceSlot::close);
        SensorManager m = manager;
        if (m != null) {
            m.ownerHome(false);
        }
    }

    // Dynamic and multiple: a presence source is a bundle that may be installed or removed at any time.
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSource(PresenceSource source, ServiceReference<PresenceSource> ref) {
        String bundle = describe(ref);
        onPoller(() -> sourceAdded(source, bundle));
    }

    void removeSource(PresenceSource source) {
        onPoller(() -> sourceRemoved(source));
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindManager(SensorManager m) {
        manager = m;
        m.ownerHome(home);
    }

    void unbindManager(SensorManager m) {
        if (manager == m) {
            manager = null;
        }
    }

    /** The cache, as the last poll and the tracked lists left it; never waits. */
    Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public List<TrackedDevice> tracked(String transport) {
        return TrackedSections.devices(settings.stored(TrackedSections.section(transport)).orElse(null));
    }

    @Override
    public synchronized void track(String transport, TrackedDevice device) {
        List<TrackedDevice> list = new ArrayList<>(tracked(transport));
        int i = indexOf(list, device.address());
        if (i < 0) {
            list.add(device);
        } else if (device.name() != null) {
            list.set(i, device);
        } else {
            return;
        }
        write(transport, list);
    }

    @Override
    public synchronized boolean untrack(String transport, String address) {
        List<TrackedDevice> list = new ArrayList<>(tracked(transport));
        int i = indexOf(list, TrackedDevice.address(address));
        if (i < 0) {
            return false;
        }
        list.remove(i);
        write(transport, list);
        return true;
    }

    @Override
    public void handleEvent(Event event) {
        if (Topics.EVENTS_CLIENT.equals(event.getTopic())) {
            clientConnected();
            return;
        }
        Object sections = event.getProperty(Topics.SECTIONS);
        if (sections instanceof List<?> l && (l.contains(TrackedSections.BLUETOOTH) || l.contains(TrackedSections.WIFI))) {
            refreshTracked();
            pollSoon(0);
        }
    }

    private void write(String transport, List<TrackedDevice> list) {
        List<Object> json = new ArrayList<>();
        list.forEach(d -> json.add(d.toJson()));
        settings.update(Map.of(TrackedSections.section(transport), json), false);
    }

    private static int indexOf(List<TrackedDevice> list, String address) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).address().equals(address)) {
                return i;
            }
        }
        return -1;
    }

    /** The tracked lists as stored now; the cache shows a new device at once, as not present until polled. */
    private void refreshTracked() {
        boolean nowHome;
        synchronized (state) {
            for (String t : TRANSPORTS) {
                state.track(t, tracked(t));
            }
            snapshot = snapshot(lastAnswers);
            nowHome = state.home();
        }
        tellManager(nowHome);
    }

    private void schedulePolls(Config config) {
        long interval = Math.max(1, config.poll_seconds()) * 1000L;
        synchronized (scheduling) {
            if (periodic != null) {
                periodic.cancel(false);
            }
            try {
                periodic = poller.scheduleWithFixedDelay(this::poll, 0, interval, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                LOG.debug("Presence is stopping");
            }
        }
    }

    /** A poll within {@code delayMillis}; one already due sooner covers it. */
    private void pollSoon(long delayMillis) {
        long at = clock.getAsLong() + delayMillis;
        synchronized (scheduling) {
            if (soon != null && !soon.isDone() && soonAt <= at) {
                return;
            }
            if (soon != null) {
                soon.cancel(false);
            }
            soonAt = at;
            try {
                soon = poller.schedule(this::poll, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                LOG.debug("Presence is stopping");
            }
        }
    }

    private void clientConnected() {
        long now = clock.getAsLong();
        long delay;
        synchronized (scheduling) {
            if (soon != null && !soon.isDone()) {
                return; // the poll it would ask for is coming
            }
            long next = Math.max(now, lastClientPoll + CLIENT_POLL_MS);
            lastClientPoll = next;
            delay = next - now;
        }
        pollSoon(delay);
    }

    private void poll() {
        try {
            List<SourceSlot> current = List.copyOf(slots);
            Map<String, List<String>> addresses = new LinkedHashMap<>();
            synchronized (state) {
                TRANSPORTS.forEach(t -> addresses.put(t, state.addresses(t)));
            }
            List<Future<SourceSlot.Answer>> asked = new ArrayList<>();
            for (SourceSlot s : current) {
                asked.add(runners.submit(() -> s.poll(addresses.getOrDefault(s.transport(), List.of()))));
            }
            List<SourceSlot.Answer> answers = new ArrayList<>();
            for (Future<SourceSlot.Answer> f : asked) {
                answers.add(f.get()); // each source's calls are bounded by their time limit
            }
            apply(answers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            LOG.error("Presence poll failed", e);
        }
    }

    private void apply(List<SourceSlot.Answer> answers) {
        List<PresenceState.Change> changes = new ArrayList<>();
        List<PresenceState.Change> notices;
        Snapshot s;
        boolean nowHome;
        synchronized (state) {
            for (String t : TRANSPORTS) {
                Set<String> seen = new LinkedHashSet<>();
                int misses = 0;
                for (SourceSlot.Answer a : answers) {
                    if (a.transport().equals(t)) {
                        seen.addAll(a.seen());
                        misses = Math.max(misses, a.missesBeforeGone());
                    }
                }
                changes.addAll(misses == 0 ? state.sourcesGone(t) : state.poll(t, seen, misses));
            }
            notices = state.notices(clock.getAsLong());
            lastAnswers = List.copyOf(answers);
            s = snapshot(lastAnswers);
            snapshot = s;
            nowHome = state.home();
        }
        changes.forEach(c -> post(Topics.PRESENCE_CHANGE, c));
        notices.forEach(c -> post(Topics.PRESENCE_NOTICE, c));
        events.postEvent(new Event(Topics.CONNECTIONS, connections(s)));
        scheduleNotices();
        tellManager(nowHome);
    }

    /** Sends the notices that the throttle held back once their time comes. */
    private void scheduleNotices() {
        OptionalLong next;
        synchronized (state) {
            next = state.nextNotice();
        }
        synchronized (scheduling) {
            if (noticeFlush != null) {
                noticeFlush.cancel(false);
                noticeFlush = null;
            }
            if (next.isPresent()) {
                try {
                    noticeFlush = poller.schedule(this::flushNotices, Math.max(0, next.getAsLong() - clock.getAsLong()),
                            TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    LOG.debug("Presence is stopping");
                }
            }
        }
    }

    private void flushNotices() {
        List<PresenceState.Change> notices;
        synchronized (state) {
            notices = state.notices(clock.getAsLong());
        }
        notices.forEach(c -> post(Topics.PRESENCE_NOTICE, c));
        scheduleNotices();
    }

    private void post(String topic, PresenceState.Change c) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("address", c.device().address());
        props.put("name", c.device().name());
        props.put("transport", c.transport());
        props.put("online", c.online());
        events.postEvent(new Event(topic, props));
        if (topic.equals(Topics.PRESENCE_CHANGE)) {
            LOG.info("Tracked device {} {} ({})", c.device(), c.online() ? "arrived" : "left", c.transport());
        }
    }

    private void tellManager(boolean nowHome) {
        if (nowHome != home) {
            LOG.info(nowHome ? "Someone is home: sensor triggers do not record"
                    : "Nobody is home: sensor triggers record");
        }
        home = nowHome;
        SensorManager m = manager;
        if (m != null) {
            m.ownerHome(nowHome);
        }
    }

    /** The fields of {@code GET /connections}. */
    static Map<String, Object> connections(Snapshot s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bluetooth", counts(s.online().get(PresenceSource.BLUETOOTH)));
        out.put("wifi", counts(s.online().get(PresenceSource.WIFI)));
        out.put("ap_clients", s.apClients());
        return out;
    }

    private static Map<String, Object> counts(Map<String, Boolean> online) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("online", online.values().stream().filter(Boolean::booleanValue).count());
        c.put("total", online.size());
        return c;
    }

    private Snapshot snapshot(List<SourceSlot.Answer> answers) {
        Map<String, Map<String, Boolean>> online = new LinkedHashMap<>();
        Map<String, SourceStatus> sources = new LinkedHashMap<>();
        Set<String> stations = new LinkedHashSet<>();
        for (String t : TRANSPORTS) {
            online.put(t, state.online(t));
            SourceStatus status = null;
            for (SourceSlot.Answer a : answers) {
                if (!a.transport().equals(t)) {
                    continue;
                }
                if (status == null || (a.active() && (!status.active() || a.problem() == null))) {
                    status = new SourceStatus(a.active(), a.problem());
                }
                if (t.equals(PresenceSource.WIFI)) {
                    stations.addAll(a.nearby());
                }
            }
            if (status != null) {
                sources.put(t, status);
            }
        }
        return new Snapshot(online, sources, stations.size());
    }

    private void sourceAdded(PresenceSource source, String bundle) {
        String transport;
        int misses;
        try {
            transport = source.transport();
            misses = Math.max(1, source.missesBeforeGone());
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Ignoring a presence source of {}: it cannot say its transport", bundle, e);
            return;
        }
        if (!TRANSPORTS.contains(transport)) {
            LOG.warn("Ignoring a presence source of {}: unknown transport {} (known: {})", bundle, transport,
                    TRANSPORTS);
            return;
        }
        slots.add(new SourceSlot(source, transport, misses, bundle, callTimeoutMillis));
        LOG.info("Presence source available: {} ({})", transport, bundle);
        poll();
    }

    private void sourceRemoved(PresenceSource source) {
        for (SourceSlot s : List.copyOf(slots)) {
            if (s.source() == source) {
                slots.remove(s);
                s.close();
                LOG.info("Presence source gone: {}", s.transport());
                poll(); // its votes go: presence rests on the sources that remain
            }
        }
    }

    private void onPoller(Runnable task) {
        try {
            poller.execute(task);
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Presence is stopping");
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static String describe(ServiceReference<?> ref) {
        Bundle b = ref == null ? null : ref.getBundle();
        return b == null ? "an unknown bundle" : b.getSymbolicName() + " " + b.getVersion();
    }
}
