package org.securitycam.mqtt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.securitycam.api.camera.CameraException;
import org.securitycam.api.camera.CameraFrames;
import org.securitycam.api.camera.Recorder;
import org.securitycam.api.events.Topics;
import org.securitycam.api.sensor.manager.SensorManager;
import org.securitycam.api.sensor.manager.SensorStatus;
import org.securitycam.api.settings.SettingsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device on an MQTT broker: the sensor, armed, recording, presence and system states (retained, on every change
 * and on every connect), every event log entry, a snapshot on every trigger, Home Assistant discovery, and the
 * commands from the broker. It only ever queues on the paths of the sensor, the camera and the API (into the
 * bounded {@link Outbox}); the network is the {@link MqttLink}'s thread's alone, and snapshots and commands run on
 * threads of their own.
 */
@Component(service = { MqttBridge.class, EventHandler.class }, immediate = true, property = {
        EventConstants.EVENT_TOPIC + "=" + Topics.SENSOR_STATE, EventConstants.EVENT_TOPIC + "=" + Topics.RECORDING_STATE,
        EventConstants.EVENT_TOPIC + "=" + Topics.CONNECTIONS, EventConstants.EVENT_TOPIC + "=" + Topics.SYSTEM_INFO,
        EventConstants.EVENT_TOPIC + "=" + Topics.SYSTEM_ALERT, EventConstants.EVENT_TOPIC + "=" + Topics.EVENT_LOGGED,
        EventConstants.EVENT_TOPIC + "=" + Topics.SETTINGS_CHANGED })
public class MqttBridge implements EventHandler, MqttLink.Device {
    private static final Logger LOG = LoggerFactory.getLogger(MqttBridge.class);
    /** The system state is published at most this often, though the figures come every 10 s. */
    static final long SYSTEM_EVERY_MS = 60_000;

    private final SettingsStore settings;
    private final SensorManager sensor;
    private final MqttSettings defaults = MqttSettings.machineDefaults();
    private final Outbox outbox = new Outbox();
    private final MqttLink link;
    private final String version;
    /** One snapshot at a time; a trigger during a grab is covered by that grab. */
    private final ThreadPoolExecutor snapshots = single("mqtt-snapshot", 1);
    /** Commands in the order they came; a flood beyond the queue is refused with a WARNING. */
    private final ThreadPoolExecutor commands = single("mqtt-command", 16);

    /** Set by {@link #setRecorder}; null without a camera. */
    private volatile Recorder recorder;
    // Optional and dynamic: without a camera (or while it restarts) the states and the sensor still go out, and
    // the camera's commands are refused with a WARNING.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CameraFrames frames;

    private final Object state = new Object();
    private Boolean triggered;
    private String sensorType;
    private String overall = "ok";
    private long systemAt = Long.MIN_VALUE;
    private Boolean recording;

    @Activate
    public MqttBridge(BundleContext context, @Reference SettingsStore settings, @Reference SensorManager sensor) {
        this.settings = settings;
        this.sensor = sensor;
        this.version = context.getBundle().getVersion().toString();
        this.link = new MqttLink(outbox, this);
        SensorStatus s = sensor.status();
        synchronized (state) {
            sensorType = s.config().type();
            triggered = s.triggered();
        }
        outbox.state(TopicNames.SENSOR, Payloads.onOff(s.triggered()));
        outbox.state(TopicNames.ARMED, Payloads.onOff(s.armed()));
        outbox.state(TopicNames.PRESENCE, Payloads.presence(false));
        link.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        snapshots.shutdownNow();
        commands.shutdownNow();
        link.stop();
    }

    /** {@code GET /mqtt/status}: {@code enabled, connected, broker, last_error} (only when there is one), counts. */
    Map<String, Object> status() {
        MqttSettings s = link.settings();
        if (s == null) {
            s = settings();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", s.enabled());
        out.put("connected", s.enabled() && link.connected());
        out.put("broker", s.broker());
        String error = link.lastError();
        if (error != null && s.enabled()) {
            out.put("last_error", error);
        }
        out.put("published", link.published());
        out.put("dropped", outbox.dropped());
        return out;
    }

    @Override
    public MqttSettings settings() {
        Object section = settings.section(MqttSettings.SECTION);
        // Null until the store has seen the section's owner, at the very start: the defaults hold till then.
        return section == null ? defaults : MqttSettings.validate(section, defaults);
    }

    @Override
    public List<Discovery.Config> discovery(MqttSettings s) {
        String type;
        synchronized (state) {
            type = sensorType;
        }
        TopicNames topics = new TopicNames(s.baseTopic());
        String name = s.baseTopic().substring(s.baseTopic().lastIndexOf('/') + 1);
        return Discovery.configs(topics, s.discoveryPrefix(),
                new Discovery.DeviceInfo("security-cam " + name, "security-cam", "security-cam", version), type);
    }

    @Override
    public void received(MqttSettings s, String topic, byte[] payload) {
        if (topic.equals(s.discoveryPrefix() + "/status")) {
            if ("online".equals(new String(payload, java.nio.charset.StandardCharsets.UTF_8).strip())) {
                LOG.info("MQTT: Home Assistant is online; sending the discovery configs again");
                outbox.discovery();
            }
            return;
        }
        try {
            commands.execute(() -> command(new TopicNames(s.baseTopic()), topic, payload));
        } catch (RejectedExecutionException e) {
            LOG.warn("MQTT: too many commands at once; ignored {} on {}", Payloads.shown(payload), topic);
        }
    }

    private void command(TopicNames topics, String topic, byte[] payload) {
        if (topic.equals(topics.snapshotTake())) {
            snapshotCommand();
            return;
        }
        Boolean on = Payloads.onOff(payload);
        if (on == null || !(topic.equals(topics.armedSet()) || topic.equals(topics.recordingSet()))) {
            LOG.warn("MQTT: ignored {} on {}: expected ON or OFF", Payloads.shown(payload), topic);
            return;
        }
        if (topic.equals(topics.armedSet())) {
            LOG.info("MQTT: {} the sensor", on ? "arming" : "disarming");
            sensor.setEnabled(on);
            return;
        }
        Recorder r = recorder;
        if (r == null) {
            LOG.warn("MQTT: ignored {} on {}: no camera is running", Payloads.shown(payload), topic);
        } else if (on && !r.status().recording()) {
            LOG.info("MQTT: starting a recording");
            if (!r.start("manual")) {
                LOG.warn("MQTT: the recording asked for on {} could not start", topic);
            }
        } else if (!on && r.status().recording()) {
            LOG.info("MQTT: stopping the recording");
            r.stop();
        }
    }

    private void snapshotCommand() {
        Recorder r = recorder;
        if (r == null) {
            LOG.warn("MQTT: a snapshot was asked for, but no camera is running");
            return;
        }
        try {
            Path file = r.snapshot();
            outbox.state(TopicNames.SNAPSHOT, Files.readAllBytes(file));
        } catch (CameraException | IOException e) {
            LOG.warn("MQTT: the snapshot asked for failed: {}", e.getMessage());
        }
    }

    /** A frame of the live feed as the newest snapshot, after a trigger; not stored. */
    private void triggerSnapshot() {
        CameraFrames f = frames;
        if (f == null) {
            return;
        }
        try {
            outbox.state(TopicNames.SNAPSHOT, f.live());
        } catch (CameraException e) {
            LOG.warn("MQTT: no snapshot for the trigger: {}", e.getMessage());
        }
    }

    @Override
    public void handleEvent(Event event) {
        switch (event.getTopic()) {
            case Topics.SENSOR_STATE -> sensorState(event);
            case Topics.RECORDING_STATE -> {
                if (event.getProperty("recording") instanceof Boolean on) {
                    recordingState(on);
                }
            }
            case Topics.CONNECTIONS -> outbox.state(TopicNames.PRESENCE, Payloads.presence(Payloads.home(props(event))));
            case Topics.SYSTEM_INFO -> systemInfo(event);
            case Topics.SYSTEM_ALERT -> {
                synchronized (state) {
                    overall = String.valueOf(event.getProperty("overall"));
                }
            }
            case Topics.EVENT_LOGGED -> {
                if (enabled()) {
                    outbox.event(TopicNames.EVENTS, Json.bytes(Payloads.event(props(event))));
                }
            }
            case Topics.SETTINGS_CHANGED -> settingsChanged(event);
            default -> {
                // subscribed to no other topic
            }
        }
    }

    private void sensorState(Event event) {
        boolean now = Boolean.TRUE.equals(event.getProperty("triggered"));
        boolean rising;
        synchronized (state) {
            rising = now && !Boolean.TRUE.equals(triggered);
            triggered = now;
        }
        outbox.state(TopicNames.SENSOR, Payloads.onOff(now));
        outbox.state(TopicNames.ARMED, Payloads.onOff(Boolean.TRUE.equals(event.getProperty("armed"))));
        if (rising && enabled()) {
            try {
                snapshots.execute(this::triggerSnapshot);
            } catch (RejectedExecutionException busy) {
                LOG.debug("MQTT: a snapshot is being taken already");
            }
        }
        sensorTypeMayHaveChanged();
    }

    private void recordingState(boolean on) {
        synchronized (state) {
            if (Boolean.valueOf(on).equals(recording)) {
                return;
            }
            recording = on;
        }
        outbox.state(TopicNames.RECORDING, Payloads.onOff(on));
    }

    private void systemInfo(Event event) {
        long now = System.currentTimeMillis();
        String level;
        synchronized (state) {
            if (systemAt != Long.MIN_VALUE && now - systemAt < SYSTEM_EVERY_MS) {
                return;
            }
            systemAt = now;
            level = overall;
        }
        outbox.state(TopicNames.SYSTEM, Json.bytes(Payloads.system(props(event), level)));
    }

    private void settingsChanged(Event event) {
        if (event.getProperty(Topics.SECTIONS) instanceof java.util.Collection<?> names
                && names.contains(MqttSettings.SECTION)) {
            link.settingsChanged();
        }
        sensorTypeMayHaveChanged();
    }

    /** A new sensor type changes the sensor's device class: the configs are sent again. */
    private void sensorTypeMayHaveChanged() {
        String type = sensor.status().config().type();
        synchronized (state) {
            if (type.equals(sensorType)) {
                return;
            }
            sensorType = type;
        }
        outbox.discovery();
    }

    private boolean enabled() {
        MqttSettings s = link.settings();
        return s != null && s.enabled();
    }

    // Optional and dynamic, as the frames are; a camera that comes tells whether it records.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setRecorder(Recorder r) {
        recorder = r;
        recordingState(r.status().recording());
    }

    void unsetRecorder(Recorder r) {
        if (recorder == r) {
            recorder = null;
        }
    }

    private static Map<String, Object> props(Event event) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String name : event.getPropertyNames()) {
            m.put(name, event.getProperty(name));
        }
        return m;
    }

    private static ThreadPoolExecutor single(String name, int queue) {
        ThreadPoolExecutor e = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
                r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                });
        return e;
    }
}
