package org.securitycam.itests.baddrivers;

import org.osgi.service.component.annotations.Component;
import org.securitycam.api.sensor.SensorConfig;
import org.securitycam.api.sensor.SensorDriver;
import org.securitycam.api.sensor.SensorListener;
import org.securitycam.api.sensor.SensorSession;
import org.securitycam.api.sensor.SensorTypeInfo;

/** A driver whose open does not return for half a minute, then opens a session anyway. */
@Component(service = SensorDriver.class)
public class HangsInOpen implements SensorDriver {
    public static final String TYPE = "hangs_in_open";

    @Override
    public SensorTypeInfo info() {
        return SensorTypeInfo.builder(TYPE).name("Hangs in open").build();
    }

    @Override
    public SensorSession open(SensorConfig config, SensorListener listener) {
        long end = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < end) {
            try {
                Thread.sleep(end - System.currentTimeMillis());
            } catch (InterruptedException ignored) {
                // as a badly written driver would: it keeps hanging
            }
        }
        return () -> {
        };
    }
}
