package org.securitycam.api.sensor;

/**
 * A consistent snapshot of the sensor manager, the fields of {@code GET /sensor/status}. {@code running} tells
 * whether a driver session is open; {@code available} is false while the configured type has no driver;
 * {@code problem} is the last reason the sensor is not running, or null.
 */
public record SensorStatus(boolean enabled, boolean armed, boolean triggered, boolean suppressed,
        boolean recordingFromSensor, SensorConfig config, SensorTypeInfo type, boolean running, boolean available,
        String problem) {
}
