package org.securitycam.api.sensor.manager;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;
import org.securitycam.api.sensor.SensorConfig;
import org.securitycam.api.sensor.SensorTypeInfo;

/**
 * The one sensor state machine of the device: which driver runs, whether it is armed, and what it decided. No
 * method waits on a driver for long: {@link #configure} and {@link #setEnabled} wait at most about a second for
 * the sensor to run with the change, and {@link #status()} tells how far it got.
 */
@ProviderType
public interface SensorManager {
    /** The state as it is now; never waits. */
    SensorStatus status();

    /** The installed drivers' metadata, one per type id, ordered by type id. */
    List<SensorTypeInfo> types();

    /**
     * Validates a {@code Sensor} section as sent by a client (JSON-shaped values), stores it whole and
     * restarts the sensor with it, opening its driver once.
     *
     * @throws org.securitycam.api.settings.InvalidSettingsException naming the field; nothing changes then
     */
    SensorConfig configure(Map<String, Object> section);

    /** Switches the sensor on or off, persisting {@code Sensor.enabled}. */
    void setEnabled(boolean enabled);

    /**
     * Tells whether the owner is home: while they are, a trigger sets {@code suppressed} and does not record. The
     * change is queued and the call returns at once; a trigger decides on the latest value, never asking anyone.
     * The manager starts with nobody home.
     */
    void ownerHome(boolean home);
}
