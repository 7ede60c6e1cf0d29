package org.securitycam.sensor.reed;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.securitycam.api.gpio.Pull;
import org.securitycam.api.sensor.CalibrationParam;
import org.securitycam.api.sensor.SensorConfig;
import org.securitycam.api.sensor.SensorDriver;
import org.securitycam.api.sensor.SensorException;
import org.securitycam.api.sensor.SensorListener;
import org.securitycam.api.sensor.SensorSession;
import org.securitycam.api.sensor.SensorTypeInfo;
import org.securitycam.api.sensor.WiringPin;
import org.securitycam.sensor.support.DigitalSession;
import org.securitycam.sensor.support.GpioSensorDriver;

/** A reed switch on a door or window: the magnet holds it closed, and opening the door triggers. */
@Component(service = SensorDriver.class)
public class ReedSwitchDriver extends GpioSensorDriver {
    static final SensorTypeInfo INFO = new SensorTypeInfo("reed_switch", "Reed switch (door/window)", 22, "KY-025",
            "A magnetic contact: the switch is closed while the magnet is near and opens when the door opens",
            "Doors, windows, gates and cabinets",
            List.of(new WiringPin("+ / VCC", "3.3V (pin 1); never 5V, the Pi's GPIO is 3.3V only"),
                    new WiringPin("G / GND", "Ground (pin 6)"),
                    new WiringPin("DO", "GPIO 22 (pin 15), internal pull-up on")),
            "With the door closed the output is low; an open door pulls it high and triggers. "
                    + "Use invert_logic if your module works the other way round.",
            List.of(CalibrationParam.debounceMs(50)));

    public ReedSwitchDriver() {
        super(INFO);
    }

    @Override
    public SensorSession open(SensorConfig config, SensorListener listener) throws SensorException {
        return DigitalSession.open(gpio, config, Pull.UP, true, DigitalSession.follow(listener));
    }
}
