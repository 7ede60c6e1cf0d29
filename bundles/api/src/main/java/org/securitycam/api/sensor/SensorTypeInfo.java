package org.securitycam.api.sensor;

import java.util.List;

/**
 * What {@code GET /sensor/types} shows for one driver: its identity, the module it drives, how to wire it,
 * and its calibration schema. {@code defaultGpio} is null for a driver without a pin.
 */
public record SensorTypeInfo(String type, String name, Integer defaultGpio, String module, String description,
        String useCase, List<WiringPin> wiring, String wiringNote, List<CalibrationParam> calibration) {

    public SensorTypeInfo {
        wiring = List.copyOf(wiring);
        calibration = List.copyOf(calibration);
    }
}
