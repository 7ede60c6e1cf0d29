package org.securitycam.sensor.reed;

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

/** A reed switch on a door or window: the magnet holds it closed, and opening the door triggers. */
@Component(service = SensorDriver.class)
public class ReedSwitchDriver extends GpioSensorDriver {
    static final SensorTypeInfo INFO = SensorTypeInfo.builder("reed_switch").name("Reed switch (door/window)")
            .defaultGpio(22).module("KY-025")
            .description("A magnetic contact: the switch is closed while the magnet is near and opens when the door opens")
            .useCase("Doors, windows, gates and cabinets")
            .wire("+ / VCC", "3.3V (pin 1); never 5V, the Pi's GPIO is 3.3V only")
            .wire("G / GND", "Ground (pin 6)")
            .wire("DO", "GPIO 22 (pin 15), internal pull-up on")
            .wiringNote("With the door closed the output is low; an open door pulls it high and triggers. "
                    + "Use invert_logic if your module works the other way round.")
            .calibration(CalibrationParam.debounceMs(50)).build();

    public ReedSwitchDriver() {
        super(INFO);
    }

    @Override
    public SensorSession open(SensorConfig config, SensorListener listener) throws SensorException {
        return DigitalSession.open(gpio, config, Pull.UP, true, DigitalSession.follow(listener));
    }
}
