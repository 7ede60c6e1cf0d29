package org.securitycam.sensor.mock;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.component.annotations.Component;
import org.securitycam.api.sensor.MockSensor;
import org.securitycam.api.sensor.SensorConfig;
import org.securitycam.api.sensor.SensorDriver;
import org.securitycam.api.sensor.SensorListener;
import org.securitycam.api.sensor.SensorSession;
import org.securitycam.api.sensor.SensorTypeInfo;

/** The software sensor: no pin, fired by {@code POST /sensor/mock/trigger} and {@code /release}. */
@Component(service = { SensorDriver.class, MockSensor.class })
public class MockSensorDriver implements SensorDriver, MockSensor {
    private static final SensorTypeInfo INFO = new SensorTypeInfo(TYPE, "Mock sensor", null, "software",
            "A simulated sensor fired from the API instead of a pin",
            "Trying the device, the dashboard and recordings without any hardware", List.of(),
            "No wiring: trigger and release it with POST /sensor/mock/trigger and /sensor/mock/release", List.of());

    private final AtomicReference<SensorListener> open = new AtomicReference<>();

    @Override
    public SensorTypeInfo info() {
        return INFO;
    }

    @Override
    public SensorSession open(SensorConfig config, SensorListener listener) {
        open.set(listener);
        return () -> open.compareAndSet(listener, null);
    }

    @Override
    public boolean trigger() {
        SensorListener l = open.get();
        if (l == null) {
            return false;
        }
        l.triggered();
        return true;
    }

    @Override
    public boolean release() {
        SensorListener l = open.get();
        if (l == null) {
            return false;
        }
        l.released();
        return true;
    }
}
