package org.securitycam.sensor.hall;

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
 * A digital hall effect sensor: its open-collector output goes low while a magnet is near. By default the magnet
 * leaving (a door opening) triggers; with invert logic the magnet arriving does.
 */
@Component(service = SensorDriver.class)
public class HallSensorDriver extends GpioSensorDriver {
    static final SensorTypeInfo INFO = SensorTypeInfo.builder("hall_digital").name("Hall sensor (magnet)")
            .defaultGpio(13).module("KY-003")
            .description("A magnetic field sensor with a digital output that goes low while a magnet is near")
            .useCase("Doors and gates where a reed switch would wear out; detecting a moving magnet")
            .wire("+ / VCC", "3.3V (pin 1); the KY-003 also runs on 5V, but then its output "
                    + "must not reach the Pi directly")
            .wire("- / GND", "Ground (pin 9)")
            .wire("S", "GPIO 13 (pin 33), internal pull-up on")
            .wiringNote("The output is open collector: it needs the pull-up, which the driver turns on. "
                    + "Magnet near = low.")
            .calibration(CalibrationParam.debounceMs(50)).build();

    public HallSensorDriver() {
        super(INFO);
    }

    @Override
    public SensorSession open(SensorConfig config, SensorListener listener) throws SensorException {
        // Active (triggered) while the line is high, that is while no magnet is near.
        return DigitalSession.open(gpio, config, Pull.UP, true, DigitalSession.follow(listener));
    }
}
