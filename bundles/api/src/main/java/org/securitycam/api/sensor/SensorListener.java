package org.securitycam.api.sensor;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How a running driver reports to the sensor manager. Calls are cheap and may come from any thread;
 * the manager serialises them. Invert logic, debounce and calibration are applied by the driver before it calls.
 */
@ProviderType
public interface SensorListener {
    /** The watched condition began: a door opened, motion was seen, enough pulses were counted. */
    void triggered();

    /** The watched condition ended. A driver that counts pulses must release on its own after its window. */
    void released();

    /** The driver cannot watch any more (wiring fault, pin lost). The manager shows the reason in its status. */
    void fault(String reason);
}
