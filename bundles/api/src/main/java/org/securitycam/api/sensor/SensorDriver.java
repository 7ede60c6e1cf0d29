package org.securitycam.api.sensor;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The extension point for sensor hardware. Register an implementation as an OSGi service
 * (for example {@code @Component(service = SensorDriver.class)}); it appears in {@code GET /sensor/types}
 * at once and leaves it when the service goes away. A driver reaches pins only through
 * {@code org.securitycam.api.gpio.GpioService}, never through native code.
 *
 * <p>Contract:
 * <ul>
 * <li>{@link #info()} is constant for the life of the service and returns at once.</li>
 * <li>{@link #open} is non-blocking: it opens the pin, registers listeners and returns within 100 ms.
 * Anything slower (a warm-up period, say) is scheduled, not waited for.</li>
 * <li>The listener may be called from any thread, but never after {@link SensorSession#close()} returned.</li>
 * <li>An expected hardware failure at open (pin busy, no GPIO) is a {@link SensorException} with a sentence
 * for the user; a failure later is reported through {@link SensorListener#fault(String)}. The manager
 * survives any exception a driver throws, and shows it in the status.</li>
 * </ul>
 */
@ConsumerType
public interface SensorDriver {
    /** The type's metadata, calibration schema included. */
    SensorTypeInfo info();

    /** Starts watching with a configuration already validated against {@link #info()}. */
    SensorSession open(SensorConfig config, SensorListener listener) throws SensorException;
}
