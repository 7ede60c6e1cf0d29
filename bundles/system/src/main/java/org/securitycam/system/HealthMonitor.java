package org.securitycam.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.securitycam.api.events.Topics;
import org.securitycam.api.media.DiskUsage;
import org.securitycam.api.media.MediaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the device's health. Every source is read in the background on the sample interval (vcgencmd on a
 * thread of its own, so a hanging one delays nothing else), and every route answers from the last readings
 * without waiting for a source. The alert levels are evaluated on the alert interval, and a change goes out as
 * {@code Topics.SYSTEM_ALERT}; the {@code /system_info} figures go out as {@code Topics.SYSTEM_INFO} on the info
 * interval; a health sample is kept on the health interval, across restarts, for 72 hours.
 */
// Immediate: it samples and keeps the history whether or not a route uses it.
@Component(service = HealthMonitor.class, immediate = true, configurationPid = SystemConfig.PID)
@Designate(ocd = SystemConfig.class)
public class HealthMonitor {
    static final Duration HISTORY_AGE = Duration.ofHours(72);
    /** 72 hours of 5-minute samples. */
    static final int HISTORY_CAPACITY = 72 * 12;
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final EventAdmin events;
    private final Sources sources;
    private final Duration sampleInterval;
    private final Duration healthInterval;
    private final String os;
    private final ScheduledExecutorService scheduler;
    private final AtomicReference<Health> health = new AtomicReference<>(Health.initial());
    private final AlertState alerts = new AlertState();
    private final History history;
    private volatile Evaluation evaluation;

    // Optional and dynamic: the media bundle may be missing or being updated; storage then reads as unavailable.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MediaStore media;

    /** The levels of one evaluation and the readings they came from. */
    private record Evaluation(Map<Metric, Level> levels, Health health, Instant at) {
    }

    @Activate
    public HealthMonitor(BundleContext context, @Reference EventAdmin events, SystemConfig config) {
        this.events = events;
        this.sources = new Sources(config);
        this.sampleInterval = Duration.ofSeconds(config.sample_interval_seconds());
        this.healthInterval = Duration.ofSeconds(config.health_interval_seconds());
        this.os = osName();
        AtomicInteger n = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "system-health-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Instant now = Instant.now();
        this.evaluation = new Evaluation(alerts.levels(), Health.initial(), now);
        this.history = new History(new HistoryFile(DataHome.history(context).resolve("health.jsonl")),
                HISTORY_CAPACITY, HISTORY_AGE, scheduler);
        try {
            history.open(now);
        } catch (IOException e) {
            LOG.error("The health history cannot be read or written: {}", e.getMessage());
        }
        long sample = sampleInterval.toMillis();
        scheduler.scheduleWithFixedDelay(guarded("sampling", this::sampleFiles), 0, sample, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(guarded("vcgencmd", this::sampleThrottle), 0, sample, TimeUnit.MILLISECONDS);
        long alert = config.alert_interval_seconds() * 1000L;
        scheduler.scheduleAtFixedRate(guarded("alert evaluation", this::evaluate), alert, alert, TimeUnit.MILLISECONDS);
        long info = config.info_interval_seconds() * 1000L;
        scheduler.scheduleAtFixedRate(guarded("system_info", this::publishInfo), info, info, TimeUnit.MILLISECONDS);
        Instant newest = history.newest();
        long firstSample = newest == null ? 2_000
                : Math.max(1_000, Duration.between(now, newest.plus(healthInterval)).toMillis());
        scheduler.scheduleAtFixedRate(guarded("health history", this::keepSample), firstSample,
                healthInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
        try {
            history.close();
        } catch (IOException e) {
            LOG.warn("Could not close the health history: {}", e.getMessage());
        }
    }

    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("System health {} failed", what, e);
            }
        };
    }

    private void update(UnaryOperator<Health> change) {
        health.updateAndGet(change);
    }

    private void sampleFiles() {
        Instant now = Instant.now();
        Reading<Double> temp = sources.cpuTemp(now);
        Reading<Health.SdHealth> sd = sources.sdHealth(now);
        Reading<Health.Proc> proc = sources.proc(health.get().proc(), now);
        Reading<DiskUsage> storage = storage(now);
        update(h -> h.withCpuTemp(temp).withSd(sd).withProc(proc).withStorage(storage));
        if (evaluation.health().cpuTemp().at() == null) {
            // The first readings are evaluated at once, so the alert state is real from the first second.
            evaluate();
        }
    }

    private Reading<DiskUsage> storage(Instant now) {
        MediaStore store = media;
        if (store == null) {
            return Reading.unavailable("the media store is not running", now);
        }
        try {
            return Reading.of(store.usage(), now);
        } catch (IOException | RuntimeException e) {
            return Reading.unavailable("the save location's filesystem cannot be read: " + e.getMessage(), now);
        }
    }

    private void sampleThrottle() {
        Instant now = Instant.now();
        Reading<Throttle> previous = health.get().throttle();
        Reading<Throttle> next = sources.throttle(previous, now);
        update(h -> h.withThrottle(next));
    }

    private synchronized void evaluate() {
        Health h = health.get();
        Map<Metric, Level> levels = AlertRules.levels(h);
        List<AlertState.Transition> transitions = alerts.update(levels);
        Instant now = Instant.now();
        evaluation = new Evaluation(levels, h, now);
        if (transitions.isEmpty()) {
            return;
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("overall", AlertRules.overall(levels).label());
        props.put("alerts", HealthJson.alerts(levels));
        List<Map<String, Object>> list = new ArrayList<>();
        for (AlertState.Transition t : transitions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("metric", t.metric().key());
            m.put("from", t.from().label());
            m.put("to", t.to().label());
            list.add(m);
            LOG.info("System alert: {} {} -> {}", t.metric().key(), t.from().label(), t.to().label());
        }
        props.put("transitions", list);
        props.put("values", HealthJson.values(h));
        props.put("ts", Times.iso(now));
        events.postEvent(new Event(Topics.SYSTEM_ALERT, props));
    }

    private void publishInfo() {
        events.postEvent(new Event(Topics.SYSTEM_INFO, systemInfo()));
    }

    private void keepSample() {
        Health h = health.get();
        Instant now = Instant.now();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", Times.iso(now));
        m.put("status", AlertRules.overall(AlertRules.levels(h)).label());
        m.put("temp", HealthJson.round1(h.cpuTemp().value()));
        m.put("load", HealthJson.round1(h.proc().value() == null ? null : h.proc().value().load()));
        m.put("ram_pct", HealthJson.round1(h.ramPercent()));
        m.put("throttle_active", h.throttle().value() == null ? null : h.throttle().value().active());
        try {
            history.add(now, m);
        } catch (IOException e) {
            LOG.warn("Could not keep a health sample: {}", e.getMessage());
        }
    }

    /** The fields of {@code GET /system_info}. */
    Map<String, Object> systemInfo() {
        return HealthJson.systemInfo(health.get(), Instant.now());
    }

    /** The flat object of {@code GET /system_stats}, without the git fields. */
    Map<String, Object> systemStats() {
        return HealthJson.systemStats(health.get(), os);
    }

    /** {@code {"overall","alerts","values","stale","ts"}} as last evaluated; {@code stale} is as of now. */
    Map<String, Object> alertState() {
        Evaluation e = evaluation;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("overall", AlertRules.overall(e.levels()).label());
        m.put("alerts", HealthJson.alerts(e.levels()));
        m.put("values", HealthJson.values(e.health()));
        m.put("stale", HealthJson.stale(health.get(), Instant.now(), sampleInterval.multipliedBy(3)));
        m.put("ts", Times.iso(e.at()));
        return m;
    }

    /** The health samples of the last {@code hours}, oldest first. */
    List<Map<String, Object>> healthHistory(double hours) {
        Instant from = Instant.now().minusMillis((long) (hours * 3_600_000));
        List<Map<String, Object>> out = new ArrayList<>();
        history.since(from).forEach(i -> out.add(i.json()));
        return out;
    }

    /** The operating system's name from /etc/os-release, else Java's name for it. */
    private static String osName() {
        try {
            String name = Parsers.prettyName(Files.readString(Path.of("/etc/os-release")));
            if (name != null) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not a Linux with os-release
        }
        return System.getProperty("os.name");
    }
}
