package org.securitycam.api.sensor;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** The one sensor state machine of the device: which driver runs, whether it is armed, and what it decided. */
@ProviderType
public interface SensorManager {
    SensorStatus status();

    /** The installed drivers' metadata, ordered by type id. */
    List<SensorTypeInfo> types();

    /**
     * Validates a {@code Sensor} section as sent by a client (JSON-shaped values), stores it whole and
     * restarts the sensor with it.
     *
     * @throws org.securitycam.api.settings.InvalidSettingsException naming the field; nothing changes then
     */
    SensorConfig configure(Map<String, Object> section);

    /** Switches the sensor on or off, persisting {@code Sensor.enabled}. */
    void setEnabled(boolean enabled);
}
