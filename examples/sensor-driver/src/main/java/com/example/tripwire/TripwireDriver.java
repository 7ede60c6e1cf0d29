package com.example.tripwire;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.securitycam.api.gpio.DigitalInput;
import org.securitycam.api.gpio.GpioException;
import org.securitycam.api.gpio.GpioService;
import org.securitycam.api.gpio.Pull;
import org.securitycam.api.sensor.CalibrationParam;
import org.securitycam.api.sensor.SensorConfig;
import org.securitycam.api.sensor.SensorDriver;
import org.securitycam.api.sensor.SensorException;
import org.securitycam.api.sensor.SensorListener;
import org.securitycam.api.sensor.SensorSession;
import org.securitycam.api.sensor.SensorTypeInfo;

/**
 * A tripwire: a beam or string that holds a contact closed (pin low) until someone breaks it (pin high).
 * The trigger fires once the wire has been broken for {@code min_break_ms}, so a passing insect does not record.
 */
@Component(service = SensorDriver.class)
public class TripwireDriver implements SensorDriver {
    private final SensorTypeInfo info;

    // Optional: the driver must show up in the type list even on a host without GPIO; open() says why it cannot run.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile GpioService gpio;

    @Activate
    public TripwireDriver() {
        String version = FrameworkUtil.getBundle(TripwireDriver.class).getVersion().toString();
        info = SensorTypeInfo.builder("tripwire").name("Tripwire").defaultGpio(23).module("Laser tripwire module")
                .description("A broken beam or string opens the contact (driver " + version + ")")
                .useCase("Garden paths and hallways where a door contact does not fit")
                .wire("VCC", "3.3V (pin 1)").wire("GND", "Ground (pin 6)").wire("OUT", "GPIO 23 (pin 16)")
                .wiringNote("The input uses the Pi's internal pull-down; the module pulls it high when the beam breaks.")
                .calibration(CalibrationParam.builder("min_break_ms").name("Minimum break").range(0, 2000)
                        .defaultValue(100).step(50).unit("ms")
                        .description("How long the beam must stay broken before it counts")
                        .labels("Sensitive", "Tolerant").build(),
                        CalibrationParam.debounceMs(20))
                .build();
    }

    @Override
    public SensorTypeInfo info() {
        return info;
    }

    /** Opens the pin and returns at once; the break timer runs on the session's own daemon thread. */
    @Override
    public SensorSession open(SensorConfig config, SensorListener listener) throws SensorException {
        GpioService board = gpio;
        if (board == null) {
            throw new SensorException("GPIO is not available on this host");
        }
        if (config.gpio() == null) {
            throw new SensorException("No GPIO pin is configured for the tripwire");
        }
        Session session = new Session(listener, (long) config.calibration("min_break_ms", 100), config.invertLogic());
        try {
            session.input = board.openInput(config.gpio(), Pull.DOWN, (int) config.calibration("debounce_ms", 20),
                    session::edge);
        } catch (GpioException e) {
            session.close();
            throw new SensorException(e.getMessage(), e);
        }
        return session;
    }

    /**
     * One open tripwire. Every listener call is made under the session's lock and only while it is open, so once
     * {@link #close()} has taken the lock no call can follow, not even from a break timer that is already due.
     */
    private static final class Session implements SensorSession {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tripwire");
            t.setDaemon(true); // never keeps the JVM alive, whatever happens to the session
            return t;
        });
        private final SensorListener listener;
        private final long minBreakMs;
        private final boolean invert;
        private volatile DigitalInput input;
        private ScheduledFuture<?> pending;
        private long edges; // a break timer fires only if no edge came after the one that started it
        private boolean closed;

        Session(SensorListener listener, long minBreakMs, boolean invert) {
            this.listener = listener;
            this.minBreakMs = minBreakMs;
            this.invert = invert;
        }

        synchronized void edge(boolean high) {
            if (closed) {
                return;
            }
            boolean broken = high != invert;
            long edge = ++edges;
            if (pending != null) {
                pending.cancel(false);
                pending = null;
            }
            if (broken) {
                pending = timer.schedule(() -> broken(edge), minBreakMs, TimeUnit.MILLISECONDS);
            } else {
                listener.released();
            }
        }

        private synchronized void broken(long edge) {
            if (!closed && edge == edges) {
                listener.triggered();
            }
        }

        @Override
        public void close() {
            synchronized (this) {
                closed = true;
            }
            DigitalInput in = input;
            if (in != null) {
                in.close();
            }
            timer.shutdownNow();
        }
    }
}
