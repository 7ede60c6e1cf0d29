package org.securitycam.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
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
import org.securitycam.api.sensor.SensorSession;
import org.securitycam.api.sensor.SensorTypeInfo;
import org.securitycam.api.sensor.manager.SensorManager;
import org.securitycam.api.sensor.manager.SensorStatus;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SectionOwner;
import org.securitycam.api.settings.SettingsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured sensor driver and turns its events into recording decisions. All state changes happen on
 * one thread of its own, so a driver's callbacks, a REST call and a driver bundle leaving never race. Framework
 * callbacks (DS binds, activation, Event Admin) only queue work for that thread and return at once; calls into
 * drivers run on other threads with a time limit, so a driver that hangs stalls neither the framework nor the API.
 */
@Component(service = { SensorManager.class, SectionOwner.class, EventHandler.class }, property = {
        SectionOwner.SECTIONS + "=Sensor", SectionOwner.PID + "=" + SensorForm.PID, EventConstants.EVENT_TOPIC + "=" + Topics.SETTINGS_CHANGED,
        EventConstants.EVENT_TOPIC + "=" + Topics.RECORDING_STATE })
public class SensorManagerService implements SensorManager, SectionOwner, EventHandler {
    static final long OPEN_TIMEOUT_MS = 2_000;
    static final long CLOSE_TIMEOUT_MS = 1_000;
    static final long INFO_TIMEOUT_MS = 1_000;
    /** How long configure and setEnabled wait for the sensor to run with the change before they answer anyway. */
    static final long API_WAIT_MS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(SensorManagerService.class);
    private static final String SECTION = "Sensor";

    private final SettingsStore settings;
    private final boolean devProfile;
    private final EventAdmin events;
    private final ScheduledExecutorService thread;
    private final DriverCalls calls = new DriverCalls("sensor-driver");
    private final SensorStateMachine machine;
    private final DriverRegistry drivers = new DriverRegistry();
    /** Counts the times the sensor was (re)started with a configuration, so one configure opens the driver once. */
    private final AtomicLong restarts = new AtomicLong();

    // Optional and dynamic: the camera bundle may be missing or replaced while the sensor keeps watching.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Recorder recorder;

    // Touched only on the manager thread.
    private SensorConfig config;
    private Open session;
    private long generation;
    private String problem;
    private SensorStatus posted;

    private volatile SensorStatus status;

    /** The session that runs, and the registered driver that opened it. */
    private record Open(DriverRegistry.Entry driver, SensorSession session) {
    }

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
        this.posted = status;
        later(this::apply);
    }

    /** Closes the session, waiting a bounded time so that its driver is told before the manager goes. */
    @Deactivate
    void deactivate() {
        Future<?> done = later(() -> {
            machine.reset();
            closeSession();
        });
        await(done, CLOSE_TIMEOUT_MS + 500);
        thread.shutdownNow();
        calls.shutdown();
    }

    // Dynamic and multiple: drivers are bundles that a user installs, updates and removes on a running device.
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDriver(SensorDriver driver, ServiceReference<SensorDriver> ref) {
        String bundle = describe(ref);
        later(() -> driverAdded(driver, bundle));
    }

    void removeDriver(SensorDriver driver) {
        later(() -> driverRemoved(driver));
    }

    @Override
    public SensorStatus status() {
        return status;
    }

    @Override
    public List<SensorTypeInfo> types() {
        return drivers.types();
    }

    @Override
    public SensorConfig configure(Map<String, Object> section) {
        long before = restarts.get();
        // The store announces the change, and the event queues a restart with it; that restart is the one this
        // configure asks for, unless none came (the section was unchanged) or another configuration came between.
        Map<String, Object> stored = settings.update(Map.of(SECTION, section), false);
        @SuppressWarnings("unchecked")
        SensorConfig next = SensorSection.toConfig((Map<String, Object>) stored.get(SECTION));
        await(later(() -> {
            if (restarts.get() == before || !next.equals(config)) {
                reconfigure(SensorSection.toConfig(storedSection()), true);
            }
        }), API_WAIT_MS);
        return next;
    }

    @Override
    public void setEnabled(boolean enabled) {
        settings.update(Map.of(SECTION, Map.of("enabled", enabled)), true);
        await(later(() -> {
        }), API_WAIT_MS);
    }

    @Override
    public void ownerHome(boolean home) {
        later(() -> machine.ownerHome(home));
    }

    @Override
    public Object defaults(String section) {
        return SensorSection.defaults(devProfile);
    }

    @Override
    public Object validate(String section, Object proposed) {
        String type = SensorSection.type(proposed);
        DriverRegistry.Entry installed = drivers.provider(type);
        if (installed == null) {
            throw new InvalidSettingsException("Unknown sensor type: " + type);
        }
        return SensorSection.validate(proposed, installed.info());
    }

    @Override
    public void handleEvent(Event event) {
        if (Topics.RECORDING_STATE.equals(event.getTopic())) {
            if (Boolean.FALSE.equals(event.getProperty("recording"))) {
                later(() -> {
                    // Posted asynchronously: a stop's event may arrive after the next recording began, and only a
                    // camera that really stopped ends the sensor's recording.
                    Recorder r = recorder;
                    if (r != null && r.status().recording()) {
                        return;
                    }
                    machine.recordingEnded();
                    publish();
                });
            }
            return;
        }
        Object sections = event.getProperty(Topics.SECTIONS);
        if (sections instanceof List<?> l && l.contains(SECTION)) {
            later(() -> reconfigure(SensorSection.toConfig(storedSection()), false));
        }
    }

    private void driverAdded(SensorDriver driver, String bundle) {
        DriverCalls.Outcome<SensorTypeInfo> info = calls.call(driver::info, INFO_TIMEOUT_MS, late -> {
        });
        if (!info.ok() || info.value() == null) {
            LOG.error("Ignoring a sensor driver of {}: its info() {}", bundle, info.timedOut()
                    ? "did not answer within " + seconds(INFO_TIMEOUT_MS) : "failed", info.failure());
            return;
        }
        DriverRegistry.Entry entry = new DriverRegistry.Entry(driver, info.value(), bundle);
        DriverRegistry.Entry provider = drivers.add(entry);
        if (provider != null) {
            LOG.error("Refused the sensor driver for {} from {}: {} already provides that type; the refused one "
                    + "takes over if it goes away", entry.type(), bundle, provider.bundle());
            publish();
            return;
        }
        LOG.info("Sensor driver available: {} ({})", entry.type(), bundle);
        if (entry.type().equals(config.type()) && session == null) {
            apply();
        } else {
            publish();
        }
    }

    private void driverRemoved(SensorDriver driver) {
        DriverRegistry.Removal r = drivers.remove(driver);
        if (r == null) {
            return;
        }
        if (!r.wasProvider()) {
            LOG.info("A refused sensor driver for {} went away ({})", r.removed().type(), r.removed().bundle());
            publish();
            return;
        }
        LOG.info("Sensor driver gone: {} ({})", r.removed().type(), r.removed().bundle());
        if (r.successor() != null) {
            LOG.warn("Sensor driver for {} from {} takes over from {}", r.successor().type(), r.successor().bundle(),
                    r.removed().bundle());
        }
        boolean running = session != null && session.driver().driver() == driver;
        if (running) {
            // Not reset: losing the driver is not a decision to stop, so a recording it started keeps its hold.
            machine.sensorLost();
            closeSession();
        }
        if (running || r.removed().type().equals(config.type())) {
            apply(); // the successor opens, or the status says the driver is missing
        } else {
            publish();
        }
    }

    private void reconfigure(SensorConfig next, boolean restart) {
        if (!restart && next.equals(config)) {
            return;
        }
        restarts.incrementAndGet();
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
            DriverRegistry.Entry installed = drivers.provider(config.type());
            if (installed == null) {
                problem = "The driver for " + config.type() + " is not installed";
            } else {
                open(installed);
            }
        }
        publish();
    }

    private void open(DriverRegistry.Entry entry) {
        long gen = ++generation;
        SensorDriver driver = (SensorDriver) entry.driver();
        SensorTypeInfo info = entry.info();
        String type = info.type();
        SensorConfig effective = config.gpio() == null && info.defaultGpio() != null
                ? config.toBuilder().gpio(info.defaultGpio()).build()
                : config;
        // Shown while a slow driver keeps the manager waiting; not announced, since it normally lasts milliseconds.
        problem = "The " + type + " driver is starting";
        status = snapshot();
        DriverCalls.Outcome<SensorSession> opened = calls.call(() -> driver.open(effective, new Listener(gen)),
                OPEN_TIMEOUT_MS, late -> closeLate(entry, late));
        if (opened.timedOut()) {
            generation++;
            problem = "The " + type + " driver did not open within " + seconds(OPEN_TIMEOUT_MS);
            LOG.error("Sensor {} could not start: the driver of {} did not open within {}; it is given up on",
                    type, entry.bundle(), seconds(OPEN_TIMEOUT_MS));
        } else if (opened.failure() instanceof SensorException e) {
            generation++;
            problem = e.getMessage();
            LOG.warn("Sensor {} could not start: {}", type, e.getMessage());
        } else if (opened.failure() != null) {
            generation++;
            problem = "The " + type + " driver failed to start: " + opened.failure();
            LOG.error("Sensor driver {} of {} failed to start", type, entry.bundle(), opened.failure());
        } else if (opened.value() == null) {
            generation++;
            problem = "The " + type + " driver failed to start: it opened no session";
            LOG.error("Sensor driver {} of {} returned no session", type, entry.bundle());
        } else {
            session = new Open(entry, opened.value());
            problem = null;
            LOG.info("Sensor {} armed", type);
        }
    }

    private void closeSession() {
        generation++;
        Open s = session;
        session = null;
        if (s == null) {
            return;
        }
        String type = s.driver().type();
        DriverCalls.Outcome<Object> closed = calls.call(() -> {
            s.session().close();
            return null;
        }, CLOSE_TIMEOUT_MS, late -> LOG.info("The {} driver closed its session late", type));
        if (closed.timedOut()) {
            LOG.error("The {} driver of {} did not close its session within {}; its pin may stay busy", type,
                    s.driver().bundle(), seconds(CLOSE_TIMEOUT_MS));
        } else if (closed.failure() != null) {
            LOG.warn("Sensor driver {} failed to close cleanly", type, closed.failure());
        }
    }

    /** A session that opened after the manager gave up on it: nobody listens to it, so it is closed at once. */
    private static void closeLate(DriverRegistry.Entry entry, SensorSession late) {
        if (late == null) {
            return;
        }
        LOG.warn("The {} driver of {} opened after it was given up on; closing that session", entry.type(),
                entry.bundle());
        try {
            late.close();
        } catch (Throwable t) {
            LOG.warn("Sensor driver {} failed to close a late session", entry.type(), t);
        }
    }

    private void publish() {
        status = snapshot();
        if (status.equals(posted)) {
            return;
        }
        posted = status;
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("enabled", status.enabled());
        props.put("armed", status.armed());
        props.put("triggered", status.triggered());
        props.put("suppressed", status.suppressed());
        props.put("recording_from_sensor", status.recordingFromSensor());
        props.put("available", status.available());
        events.postEvent(new Event(Topics.SENSOR_STATE, props));
    }

    private SensorStatus snapshot() {
        DriverRegistry.Entry installed = drivers.provider(config.type());
        return SensorStatus.builder(config).type(installed == null ? null : installed.info())
                .running(session != null).triggered(machine.triggered()).suppressed(machine.suppressed())
                .recordingFromSensor(machine.recordingFromSensor()).problem(problem)
                .conflict(drivers.conflict(config.type())).build();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> storedSection() {
        // Not section(): while this component activates, the store cannot get it to ask for its defaults.
        Object s = settings.stored(SECTION).orElseGet(() -> SensorSection.defaults(devProfile));
        return s instanceof Map<?, ?> ? (Map<String, Object>) s : Map.of();
    }

    /** Queues a state change for the manager thread. */
    private Future<?> later(Runnable task) {
        try {
            return thread.submit(() -> {
                try {
                    task.run();
                } catch (RuntimeException | LinkageError e) {
                    LOG.error("Sensor manager task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Sensor manager is stopping");
            return null;
        }
    }

    /** Waits a bounded time for a queued change, so an API caller usually sees its result; never longer. */
    private static void await(Future<?> task, long millis) {
        if (task == null) {
            return;
        }
        try {
            task.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Answering before the sensor manager finished: a driver is slow");
        }
    }

    private static String describe(ServiceReference<?> ref) {
        Bundle b = ref == null ? null : ref.getBundle();
        return b == null ? "an unknown bundle" : b.getSymbolicName() + " " + b.getVersion();
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
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
                machine.sensorLost();
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
            } catch (RejectedExecutionException e) {
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
