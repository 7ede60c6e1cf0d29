package org.securitycam.itests.baddrivers;

import org.osgi.service.component.annotations.Component;
import org.securitycam.api.sensor.SensorConfig;
import org.securitycam.api.sensor.SensorDriver;
import org.securitycam.api.sensor.SensorListener;
import org.securitycam.api.sensor.SensorSession;
import org.securitycam.api.sensor.SensorTypeInfo;

/** A driver that opens at once and whose session's close does not return for half a minute. */
@Component(service = SensorDriver.class)
public class HangsInClose implements SensorDriver {
    public static final String TYPE = "hangs_in_close";

    @Override
    public SensorTypeInfo info() {
        return SensorTypeInfo.builder(TYPE).name("Hangs in close").build();
    }

    @Override
    public SensorSession open(SensorConfig config, SensorListener listener) {
        return () -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
