package org.securitycam.system;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.securitycam.api.eventlog.EventLog;
import org.securitycam.api.eventlog.EventTypes;
import org.securitycam.api.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's event log, in {@code history/events.jsonl} under the data home. Besides what bundles write to it,
 * it records the boot, the sensor's state changes (triggered, released, armed, disarmed), recordings starting,
 * stopping and failing, tracked devices arriving and leaving, and every alert transition, from their Event Admin
 * topics. Every entry is also announced on {@code Topics.EVENT_LOGGED}, for bridges to other systems.
 */
// Immediate: it records from the start, and a delayed one would be dropped and started again (another boot
// entry) whenever its last user went away.
@Component(service = { EventLog.class, EventHandler.class }, immediate = true, property = {
        EventConstants.EVENT_TOPIC + "=" + Topics.SENSOR_STATE, EventConstants.EVENT_TOPIC + "=" + Topics.RECORDING_STATE,
        EventConstants.EVENT_TOPIC + "=" + Topics.RECORDING_REFUSED, EventConstants.EVENT_TOPIC + "=" + Topics.SYSTEM_ALERT,
        EventConstants.EVENT_TOPIC + "=" + Topics.PRESENCE_CHANGE })
public class EventLogService implements EventLog, EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EventLogService.class);

    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "system-event-log");
        t.setDaemon(true);
        return t;
    });
    private final History history;
    private final EventAdmin events;
    /** The sensor's last state, so that only changes are recorded; null before its first event. */
    private Boolean armed;
    private Boolean triggered;

    @Activate
    public EventLogService(BundleContext context, @Reference EventAdmin events) {
        this.events = events;
        this.history = new History(new HistoryFile(DataHome.history(context).resolve("events.jsonl")), CAPACITY,
                null, background);
        // Loaded in the background, not to hold up the start; what is recorded meanwhile is written after it.
        background.execute(() -> {
            try {
                history.open(Instant.now());
            } catch (IOException e) {
                LOG.error("The event log cannot be read or written: {}", e.getMessage());
            }
        });
        record(EventTypes.BOOT, Severity.INFO, "security-cam started");
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        // A pending sync is not waited for: closing the file syncs it.
        background.shutdownNow();
        background.awaitTermination(5, TimeUnit.SECONDS);
        try {
            history.close();
        } catch (IOException e) {
            LOG.warn("Could not close the event log: {}", e.getMessage());
        }
    }

    @Override
    public void record(String type, Severity severity, String detail) {
        Instant now = Instant.now();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ts", Times.iso(now));
        json.put("type", type);
        json.put("severity", severity.label());
        if (detail != null) {
            json.put("detail", detail);
        }
        try {
            history.add(now, json);
        } catch (IOException e) {
            LOG.warn("Could not write {} to the event log: {}", type, e.getMessage());
        }
        events.postEvent(new Event(Topics.EVENT_LOGGED, json));
    }

    @Override
    public List<Entry> since(Instant from) {
        List<Entry> out = new ArrayList<>();
        for (History.Item i : history.since(from)) {
            out.add(new Entry(i.ts(), String.valueOf(i.json().get("type")), severity(i.json().get("severity")),
                    i.json().get("detail") instanceof String d ? d : null));
        }
        return out;
    }

    private static Severity severity(Object label) {
        for (Severity s : Severity.values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        return Severity.INFO;
    }

    @Override
    public void handleEvent(Event event) {
        switch (event.getTopic()) {
            case Topics.SENSOR_STATE -> sensor(event);
            case Topics.RECORDING_STATE -> recording(event);
            case Topics.RECORDING_REFUSED -> record(EventTypes.RECORDING_FAILED, Severity.WARNING,
                    String.valueOf(event.getProperty("reason")));
            case Topics.SYSTEM_ALERT -> alert(event);
            case Topics.PRESENCE_CHANGE -> presence(event);
            default -> {
                // subscribed to no other topic
            }
        }
    }

    private synchronized void sensor(Event event) {
        Boolean nowArmed = event.getProperty("armed") instanceof Boolean b ? b : null;
        Boolean nowTriggered = event.getProperty("triggered") instanceof Boolean b ? b : null;
        if (nowTriggered != null && !nowTriggered.equals(triggered) && (triggered != null || nowTriggered)) {
            record(nowTriggered ? EventTypes.SENSOR_TRIGGERED : EventTypes.SENSOR_RELEASED,
                    nowTriggered ? Severity.WARNING : Severity.INFO, null);
        }
        if (nowArmed != null && !nowArmed.equals(armed) && (armed != null || nowArmed)) {
            record(nowArmed ? EventTypes.SENSOR_ARMED : EventTypes.SENSOR_DISARMED, Severity.INFO, null);
        }
        if (nowArmed != null) {
            armed = nowArmed;
        }
        if (nowTriggered != null) {
            triggered = nowTriggered;
        }
    }

    private void recording(Event event) {
        Object reason = event.getProperty("reason");
        String detail = reason == null ? null : "reason: " + reason;
        if (Boolean.TRUE.equals(event.getProperty("recording"))) {
            record(EventTypes.RECORDING_STARTED, Severity.INFO, detail);
        } else if (event.getProperty("error") != null) {
            record(EventTypes.RECORDING_FAILED, Severity.WARNING, String.valueOf(event.getProperty("error")));
        } else if (Boolean.FALSE.equals(event.getProperty("recording"))) {
            record(EventTypes.RECORDING_STOPPED, Severity.INFO, detail);
        }
    }

    private void presence(Event event) {
        Object name = event.getProperty("name");
        String detail = event.getProperty("address") + (name == null ? "" : " (" + name + ")") + " over "
                + event.getProperty("transport");
        record(Boolean.TRUE.equals(event.getProperty("online")) ? EventTypes.DEVICE_ARRIVED : EventTypes.DEVICE_LEFT,
                Severity.INFO, detail);
    }

    private void alert(Event event) {
        if (!(event.getProperty("transitions") instanceof List<?> transitions)) {
            return;
        }
        Map<?, ?> values = event.getProperty("values") instanceof Map<?, ?> v ? v : Map.of();
        for (Object o : transitions) {
            if (o instanceof Map<?, ?> t) {
                Object metric = t.get("metric");
                Object to = t.get("to");
                Object value = values.get(metric);
                record(EventTypes.SYSTEM_ALERT, "critical".equals(to) ? Severity.CRITICAL
                        : "warn".equals(to) ? Severity.WARNING : Severity.INFO,
                        metric + " " + t.get("from") + " -> " + to + (value == null ? "" : " (" + value + ")"));
            }
        }
    }
}
