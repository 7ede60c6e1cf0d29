package com.example.tripwire;

import java.util.List;
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
import org.securitycam.api.sensor.WiringPin;

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
        info = new SensorTypeInfo("tripwire", "Tripwire", 23, "Laser tripwire module",
                "A broken beam or string opens the contact (driver " + version + ")",
                "Garden paths and hallways where a door contact does not fit",
                List.of(new WiringPin("VCC", "3.3V (pin 1)"), new WiringPin("GND", "Ground (pin 6)"),
                        new WiringPin("OUT", "GPIO 23 (pin 16)")),
                "The input uses the Pi's internal pull-down; the module pulls it high when the beam breaks.",
                List.of(new CalibrationParam("min_break_ms", "Minimum break", 0, 2000, 100, 50, "ms",
                        "How long the beam must stay broken before it counts", "Sensitive", "Tolerant"),
                        CalibrationParam.debounceMs(20)));
    }

    @Override
    public SensorTypeInfo info() {
        return info;
    }

    @Override
    public SensorSession open(SensorConfig config, SensorListener listener) throws SensorException {
        GpioService board = gpio;
        if (board == null) {
            throw new SensorException("GPIO is not available on this host");
        }
        long minBreak = (long) config.calibration("min_break_ms", 100);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "tripwire"));
        Session session = new Session(timer, listener, minBreak, config.invertLogic());
        try {
            session.input = board.openInput(config.gpio(), Pull.DOWN, (int) config.calibration("debounce_ms", 20),
                    session::edge);
        } catch (GpioException e) {
            timer.shutdownNow();
            throw new SensorException(e.getMessage(), e);
        }
        return session;
    }

    private static final class Session implements SensorSession {
        private final ScheduledExecutorService timer;
        private final SensorListener listener;
        private final long minBreakMs;
        private final boolean invert;
        private volatile DigitalInput input;
        private ScheduledFuture<?> pending;

        Session(ScheduledExecutorService timer, SensorListener listener, long minBreakMs, boolean invert) {
            this.timer = timer;
            this.listener = listener;
            this.minBreakMs = minBreakMs;
            this.invert = invert;
        }

        synchronized void edge(boolean high) {
            boolean broken = high != invert;
            if (pending != null) {
                pending.cancel(false);
                pending = null;
            }
            if (broken) {
                pending = timer.schedule(listener::triggered, minBreakMs, TimeUnit.MILLISECONDS);
            } else {
                listener.released();
            }
        }

        @Override
        public void close() {
            DigitalInput in = input;
            if (in != null) {
                in.close();
            }
            timer.shutdownNow();
        }
    }
}
