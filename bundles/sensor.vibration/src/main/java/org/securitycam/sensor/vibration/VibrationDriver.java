package org.securitycam.sensor.vibration;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledFuture;

import org.osgi.service.component.annotations.Component;
import org.securitycam.api.gpio.Pull;
import org.securitycam.api.sensor.CalibrationParam;
import org.securitycam.api.sensor.SensorConfig;
import org.securitycam.api.sensor.SensorDriver;
import org.securitycam.api.sensor.SensorException;
import org.securitycam.api.sensor.SensorListener;
import org.securitycam.api.sensor.SensorSession;
import org.securitycam.api.sensor.SensorTypeInfo;
import org.securitycam.sensor.support.DigitalSession;
import org.securitycam.sensor.support.GpioSensorDriver;

/**
 * A vibration switch: every shake closes it for an instant. It triggers once {@code pulse_count} pulses came
 * within {@code pulse_window} seconds, and releases {@code pulse_window} seconds after the last pulse, so a
 * recording always ends even though the switch never holds a level.
 */
@Component(service = SensorDriver.class)
public class VibrationDriver extends GpioSensorDriver {
    static final SensorTypeInfo INFO = SensorTypeInfo.builder("vibration").name("Vibration sensor").defaultGpio(5)
            .module("KY-002")
            .description("A spring switch that closes for an instant when shaken or knocked")
            .useCase("Doors that are knocked on or forced, windows, safes and letterboxes")
            .wire("- / GND", "Ground (pin 9)")
            .wire("+ / VCC", "3.3V (pin 1)")
            .wire("S", "GPIO 5 (pin 29), internal pull-up on; a pulse pulls it low")
            .wiringNote("Active low: the pull-up holds the line high and each shake pulls it to ground.")
            .calibration(CalibrationParam.builder("pulse_count").name("Pulses to trigger").range(1, 20)
                    .defaultValue(1).step(1).description("How many shakes within the window it takes")
                    .labels("Every knock", "Only sustained shaking").build(),
                    CalibrationParam.builder("pulse_window").name("Pulse window").range(1, 30).defaultValue(5)
                            .step(1).unit("s")
                            .description("The time the pulses must fall within, and the quiet time before release")
                            .labels("Short", "Long").build(),
                    CalibrationParam.debounceMs(10))
            .build();

    public VibrationDriver() {
        super(INFO);
    }

    @Override
    public SensorSession open(SensorConfig config, SensorListener listener) throws SensorException {
        Pulses pulses = new Pulses(listener, (int) config.calibration("pulse_count", 1),
                (long) (config.calibration("pulse_window", 5) * 1000));
        DigitalSession session = DigitalSession.open(gpio, config, Pull.UP, false, pulses::edge);
        pulses.session = session;
        return session;
    }

    /** Counts pulses; touched only on the session's thread. */
    private static final class Pulses {
        private final SensorListener listener;
        private final int count;
        private final long windowMs;
        private final Deque<Long> recent = new ArrayDeque<>();
        private DigitalSession session;
        private boolean triggered;
        private ScheduledFuture<?> release;

        Pulses(SensorListener listener, int count, long windowMs) {
            this.listener = listener;
            this.count = count;
            this.windowMs = windowMs;
        }

        void edge(boolean active) {
            if (!active) {
                return;
            }
            long now = System.nanoTime() / 1_000_000;
            recent.addLast(now);
            while (now - recent.peekFirst() > windowMs) {
                recent.removeFirst();
            }
            if (!triggered && recent.size() >= count) {
                triggered = true;
                listener.triggered();
            }
            if (triggered) {
                if (release != null) {
                    release.cancel(false);
                }
                release = session.schedule(this::quiet, windowMs);
            }
        }

        private void quiet() {
            triggered = false;
            recent.clear();
            release = null;
            listener.released();
        }
    }
}
