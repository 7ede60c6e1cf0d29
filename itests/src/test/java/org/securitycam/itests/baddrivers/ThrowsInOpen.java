package org.securitycam.itests.baddrivers;

import org.osgi.service.component.annotations.Component;
import org.securitycam.api.sensor.SensorConfig;
import org.securitycam.api.sensor.SensorDriver;
import org.securitycam.api.sensor.SensorListener;
import org.securitycam.api.sensor.SensorSession;
import org.securitycam.api.sensor.SensorTypeInfo;

/** A driver with a bug: its open throws an unchecked exception instead of a SensorException. */
@Component(service = SensorDriver.class)
public class ThrowsInOpen implements SensorDriver {
    public static final String TYPE = "throws_in_open";

    @Override
    public SensorTypeInfo info() {
        return SensorTypeInfo.builder(TYPE).name("Throws in open").build();
    }

    @Override
    public SensorSession open(SensorConfig config, SensorListener listener) {
        throw new IllegalStateException("this driver has a bug");
    }
}
