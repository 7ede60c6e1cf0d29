package org.securitycam.api.sensor;

import java.util.Map;

/**
 * A validated sensor configuration, the {@code Sensor} section of settings.json. {@code gpio} is the pin
 * as configured: null means the type's default. Calibration holds
 * every key of the type's schema.
 */
public record SensorConfig(String type, Integer gpio, boolean enabled, double holdSeconds, boolean invertLogic,
        Map<String, Double> calibration) {

    public SensorConfig {
        calibration = Map.copyOf(calibration);
    }

    /** A calibration value, or the fallback if the key is absent. */
    public double calibration(String key, double fallback) {
        return calibration.getOrDefault(key, fallback);
    }
}
