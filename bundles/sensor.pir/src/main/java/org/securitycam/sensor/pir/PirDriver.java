package org.securitycam.sensor.pir;

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
 * A passive infrared motion sensor. Edges during {@code warmup_seconds} after start are ignored (the module
 * settles for about half a minute after power-up). A rising output is confirmed by sampling the line
 * {@code 11 - sensitivity} times, {@value #SAMPLE_MS} ms apart: it triggers if most samples saw motion, so a
 * lower sensitivity rejects short glitches.
 */
@Component(service = SensorDriver.class)
public class PirDriver extends GpioSensorDriver {
    static final long SAMPLE_MS = 25;
    static final SensorTypeInfo INFO = SensorTypeInfo.builder("pir").name("PIR motion sensor").defaultGpio(17)
            .module("HC-SR501")
            .description("Passive infrared: sees a warm body moving within about 7 m")
            .useCase("Rooms, hallways and entrances")
            .wire("VCC", "5V (pin 2): the module needs 5V power")
            .wire("OUT", "GPIO 17 (pin 11), internal pull-down on; the output is 3.3V, safe for the Pi")
            .wire("GND", "Ground (pin 6)")
            .wiringNote("Set the module's jumper to repeat trigger (H) and its time knob to the minimum: the device "
                    + "holds the recording itself with hold_seconds.")
            .calibration(CalibrationParam.builder("sensitivity").name("Sensitivity").range(1, 10).defaultValue(7)
                    .step(1).description("How little motion it takes: higher confirms a trigger with fewer samples")
                    .labels("Fewer false alarms", "Catches more").build(),
                    CalibrationParam.builder("warmup_seconds").name("Warm-up").range(0, 120).defaultValue(30).step(1)
                            .unit("s").description("Ignores the sensor for this long after it starts")
                            .labels("Immediate", "Settled").build(),
                    CalibrationParam.debounceMs(100))
            .build();

    public PirDriver() {
        super(INFO);
    }

    @Override
    public SensorSession open(SensorConfig config, SensorListener listener) throws SensorException {
        Motion motion = new Motion(listener, 11 - (int) config.calibration("sensitivity", 7));
        DigitalSession session = DigitalSession.open(gpio, config, Pull.DOWN, true, motion::edge);
        motion.session = session;
        long warmupMs = (long) (config.calibration("warmup_seconds", 30) * 1000);
        session.schedule(motion::warm, warmupMs);
        return session;
    }

    /** The state of one session; touched only on the session's thread. */
    private static final class Motion {
        private final SensorListener listener;
        private final int samples;
        private DigitalSession session;
        private boolean warm;
        private boolean sampling;
        private boolean triggered;

        Motion(SensorListener listener, int samples) {
            this.listener = listener;
            this.samples = samples;
        }

        void warm() {
            warm = true;
            if (session.active()) {
                edge(true);
            }
        }

        void edge(boolean active) {
            if (!warm) {
                return;
            }
            if (active && !triggered && !sampling) {
                sampling = true;
                sample(0, 0);
            } else if (!active && triggered) {
                triggered = false;
                listener.released();
            }
        }

        private void sample(int taken, int seen) {
            int seenNow = seen + (session.active() ? 1 : 0);
            int takenNow = taken + 1;
            if (takenNow < samples) {
                session.schedule(() -> sample(takenNow, seenNow), SAMPLE_MS);
                return;
            }
            sampling = false;
            if (seenNow * 2 > samples) {
                triggered = true;
                listener.triggered();
                if (!session.active()) {
                    triggered = false; // the motion ended while it was being confirmed
                    listener.released();
                }
            }
        }
    }
}
