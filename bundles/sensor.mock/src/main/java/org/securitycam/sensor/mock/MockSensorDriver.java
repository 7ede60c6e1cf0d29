package org.securitycam.sensor.mock;

import org.osgi.service.component.annotations.Component;
import org.securitycam.api.sensor.SensorConfig;
import org.securitycam.api.sensor.SensorDriver;
import org.securitycam.api.sensor.SensorListener;
import org.securitycam.api.sensor.SensorSession;
import org.securitycam.api.sensor.SensorTypeInfo;
import org.securitycam.api.sensor.manager.MockSensor;

/** The software sensor: no pin, fired by {@code POST /sensor/mock/trigger} and {@code /release}. */
@Component(service = { SensorDriver.class, MockSensor.class })
public class MockSensorDriver implements SensorDriver, MockSensor {
    private static final SensorTypeInfo INFO = SensorTypeInfo.builder(TYPE).name("Mock sensor").module("software")
            .description("A simulated sensor fired from the API instead of a pin")
            .useCase("Trying the device, the dashboard and recordings without any hardware")
            .wiringNote("No wiring: trigger and release it with POST /sensor/mock/trigger and /sensor/mock/release")
            .build();

    // The open session's listener, or null; guarded by this, so no call reaches a listener after its close returned.
    private SensorListener open;

    @Override
    public SensorTypeInfo info() {
        return INFO;
    }

    @Override
    public synchronized SensorSession open(SensorConfig config, SensorListener listener) {
        open = listener;
        return () -> {
            synchronized (MockSensorDriver.this) {
                if (open == listener) {
                    open = null;
                }
            }
        };
    }

    @Override
    public synchronized boolean trigger() {
        if (open == null) {
            return false;
        }
        open.triggered();
        return true;
    }

    @Override
    public synchronized boolean release() {
        if (open == null) {
            return false;
        }
        open.released();
        return true;
    }
}
