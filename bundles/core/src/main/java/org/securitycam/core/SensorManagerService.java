package org.securitycam.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.securitycam.api.camera.Recorder;
import org.securitycam.api.events.Topics;
import org.securitycam.api.sensor.SensorConfig;
import org.securitycam.api.sensor.SensorDriver;
import org.securitycam.api.sensor.SensorException;
import org.securitycam.api.sensor.SensorListener;
import org.securitycam.api.sensor.SensorManager;
import org.securitycam.api.sensor.SensorSession;
import org.securitycam.api.sensor.SensorStatus;
import org.securitycam.api.sensor.SensorTypeInfo;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SectionOwner;
import org.securitycam.api.settings.SettingsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured sensor driver and turns its events into recording decisions. All state changes happen
 * on one thread, so a driver's callbacks, a REST call and a driver bundle leaving never race.
 */
@Component(service = { SensorManager.class, SectionOwner.class, EventHandler.class }, property = {
        SectionOwner.SECTIONS + "=Sensor", EventConstants.EVENT_TOPIC + "=" + Topics.SETTINGS_CHANGED,
        EventConstants.EVENT_TOPIC + "=" + Topics.RECORDING_STATE })
public class SensorManagerService implements SensorManager, SectionOwner, EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SensorManagerService.class);
    private static final String SECTION = "Sensor";

    private final SettingsStore settings;
    private final boolean devProfile;
    private final EventAdmin events;
    private final ScheduledExecutorService thread;
    private final SensorStateMachine machine;
    private final Map<String, Installed> drivers = new ConcurrentSkipListMap<>();

    // Optional and dynamic: the camera bundle may be missing or replaced while the sensor keeps watching.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Recorder recorder;

    // Touched only on the manager thread.
    private SensorConfig config;
    private SensorSession session;
    private SensorDriver sessionDriver;
    private long generation;
    private String problem;
    private volatile SensorStatus status;

    @Activate
    public SensorManagerService(BundleContext context, @Reference SettingsStore settings,
            @Reference EventAdmin events) {
        this.settings = settings;
        this.devProfile = DataHome.isDevProfile(context);
        this.events = events;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sensor-manager");
            t.setDaemon(true);
            return t;
        });
        this.machine = new SensorStateMachine(new CameraEffects());
        this.config = SensorSection.toConfig(storedSection());
        this.status = snapshot();
        runOnThread(this::apply);
    }

    @Deactivate
    void deactivate() {
        runOnThread(() -> {
            machine.reset();
            closeSession();
        });
        thread.shutdownNow();
    }

    // Dynamic and multiple: drivers are bundles that a user installs, updates and removes on a running device.
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDriver(SensorDriver driver) {
        SensorTypeInfo info;
        try {
            info = driver.info();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Ignoring a sensor driver whose info() failed: {}", driver.getClass().getName(), e);
            return;
        }
        String type = info.type();
        drivers.put(type, new Installed(driver, info));
        LOG.info("Sensor driver available: {}", type);
        runOnThread(() -> {
            if (type.equals(config.type()) && session == null) {
                apply();
            } else {
                publish();
            }
        });
    }

    void removeDriver(SensorDriver driver) {
        drivers.values().removeIf(i -> {
            if (i.driver() == driver) {
                LOG.info("Sensor driver gone: {}", i.info().type());
                return true;
            }
            return false;
        });
        // Wait: the driver's bundle is stopping, and its session must be closed before its classes go away.
        runOnThread(() -> {
            if (sessionDriver == driver) {
                machine.reset();
                closeSession();
                apply();
            } else {
                publish();
            }
        });
    }

    @Override
    public SensorStatus status() {
        return status;
    }

    @Override
    public List<SensorTypeInfo> types() {
        List<SensorTypeInfo> list = new ArrayList<>();
        drivers.values().forEach(d -> list.add(d.info()));
        return list;
    }

    @Override
    public SensorConfig configure(Map<String, Object> section) {
        Map<String, Object> stored = settings.update(Map.of(SECTION, section), false);
        @SuppressWarnings("unchecked")
        SensorConfig next = SensorSection.toConfig((Map<String, Object>) stored.get(SECTION));
        runOnThread(() -> reconfigure(next, true));
        return next;
    }

    @Override
    public void setEnabled(boolean enabled) {
        settings.update(Map.of(SECTION, Map.of("enabled", enabled)), true);
        runOnThread(() -> reconfigure(SensorSection.toConfig(storedSection()), false));
    }

    @Override
    public Object defaults(String section) {
        return SensorSection.defaults(devProfile);
    }

    @Override
    public Object validate(String section, Object proposed) {
        String type = SensorSection.type(proposed);
        Installed installed = drivers.get(type);
        if (installed == null) {
            throw new InvalidSettingsException("Unknown sensor type: " + type);
        }
        return SensorSection.validate(proposed, installed.info());
    }

    @Override
    public void handleEvent(Event event) {
        if (Topics.RECORDING_STATE.equals(event.getTopic())) {
            if (Boolean.FALSE.equals(event.getProperty("recording"))) {
                runOnThread(() -> {
                    machine.recordingEnded();
                    publish();
                });
            }
            return;
        }
        Object sections = event.getProperty(Topics.SECTIONS);
        if (sections instanceof List<?> l && l.contains(SECTION)) {
            runOnThread(() -> reconfigure(SensorSection.toConfig(storedSection()), false));
        }
    }

    private void reconfigure(SensorConfig next, boolean restart) {
        if (!restart && next.equals(config)) {
            return;
        }
        machine.reset();
        closeSession();
        config = next;
        apply();
    }

    /** Opens the configured driver if it is enabled and installed; otherwise says why not. */
    private void apply() {
        machine.holdSeconds(config.holdSeconds());
        problem = null;
        if (session == null && config.enabled()) {
            Installed installed = drivers.get(config.type());
            if (installed == null) {
                problem = "The driver for " + config.type() + " is not installed";
            } else {
                open(installed);
            }
        }
        publish();
    }

    private void open(Installed installed) {
        long gen = ++generation;
        SensorDriver driver = installed.driver();
        SensorTypeInfo info = installed.info();
        try {
            SensorConfig effective = config.gpio() == null && info.defaultGpio() != null
                    ? new SensorConfig(config.type(), info.defaultGpio(), config.enabled(), config.holdSeconds(),
                            config.invertLogic(), config.calibration())
                    : config;
            session = driver.open(effective, new Listener(gen));
            sessionDriver = driver;
            LOG.info("Sensor {} armed", config.type());
        } catch (SensorException e) {
            problem = e.getMessage();
            LOG.warn("Sensor {} could not start: {}", config.type(), e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            problem = "The " + config.type() + " driver failed to start: " + e;
            LOG.error("Sensor driver {} failed to start", config.type(), e);
        }
    }

    private void closeSession() {
        generation++;
        SensorSession s = session;
        session = null;
        sessionDriver = null;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Sensor driver {} failed to close cleanly", config.type(), e);
            }
        }
    }

    private void publish() {
        SensorStatus before = status;
        status = snapshot();
        if (!status.equals(before)) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("enabled", status.enabled());
            props.put("armed", status.armed());
            props.put("triggered", status.triggered());
            props.put("suppressed", status.suppressed());
            props.put("recording_from_sensor", status.recordingFromSensor());
            props.put("available", status.available());
            events.postEvent(new Event(Topics.SENSOR_STATE, props));
        }
    }

    private SensorStatus snapshot() {
        Installed installed = drivers.get(config.type());
        return new SensorStatus(config.enabled(), config.enabled() && session != null, machine.triggered(),
                machine.suppressed(), machine.recordingFromSensor(), config,
                installed == null ? null : installed.info(), session != null, installed != null, problem);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> storedSection() {
        // Not section(): while this component activates, the store cannot get it to ask for its defaults.
        Object s = settings.stored(SECTION).orElseGet(() -> SensorSection.defaults(devProfile));
        return s instanceof Map<?, ?> ? (Map<String, Object>) s : Map.of();
    }

    private record Installed(SensorDriver driver, SensorTypeInfo info) {
    }

    /** Runs a state change on the manager thread and waits for it, so callers see its result. */
    private void runOnThread(Runnable task) {
        if (Thread.currentThread().getName().equals("sensor-manager")) {
            task.run();
            return;
        }
        try {
            thread.submit(task).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.error("Sensor manager task failed", e.getCause());
        } catch (TimeoutException e) {
            LOG.error("Sensor manager task took longer than 5 s; a driver may be blocking");
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Sensor manager is stopping");
        }
    }

    /** Forwards one session's callbacks to the manager thread, and drops them once the session is closed. */
    private final class Listener implements SensorListener {
        private final long gen;

        Listener(long gen) {
            this.gen = gen;
        }

        @Override
        public void triggered() {
            onThread(() -> {
                machine.trigger();
                publish();
            });
        }

        @Override
        public void released() {
            onThread(() -> {
                machine.release();
                publish();
            });
        }

        @Override
        public void fault(String reason) {
            onThread(() -> {
                LOG.warn("Sensor {} fault: {}", config.type(), reason);
                machine.reset();
                closeSession();
                problem = reason;
                publish();
            });
        }

        private void onThread(Runnable r) {
            try {
                thread.execute(() -> {
                    if (gen == generation) {
                        r.run();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("Sensor event after the manager stopped");
            }
        }
    }

    /** The state machine's view of the camera and the clock. */
    private final class CameraEffects implements SensorStateMachine.Effects {
        @Override
        public boolean startRecording() {
            Recorder r = recorder;
            if (r == null) {
                LOG.warn("Sensor triggered: recording failed: no camera is installed");
                return false;
            }
            try {
                boolean started = r.start("sensor", config.type());
                if (!started) {
                    LOG.warn("Sensor triggered: recording failed");
                }
                return started;
            } catch (RuntimeException e) {
                LOG.error("Sensor triggered: recording failed", e);
                return false;
            }
        }

        @Override
        public void stopRecording() {
            Recorder r = recorder;
            if (r != null) {
                r.stop();
            }
        }

        @Override
        public boolean manualRecordingRunning() {
            Recorder r = recorder;
            return r != null && "manual".equals(r.activeReason());
        }

        @Override
        public SensorStateMachine.Cancellable schedule(Runnable task, long delayMillis) {
            ScheduledFuture<?> f = thread.schedule(() -> {
                task.run();
                publish();
            }, delayMillis, TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        }
    }
}
