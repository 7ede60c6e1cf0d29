package org.securitycam.api.sensor;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The extension point for sensor hardware. Register an implementation as an OSGi service
 * (for example {@code @Component(service = SensorDriver.class)}); its type appears in {@code GET /sensor/types}
 * within a moment and leaves it when the service goes away. A driver reaches pins only through
 * {@code org.securitycam.api.gpio.GpioService}, never through native code.
 *
 * <p>The threading and timing contract:
 * <ul>
 * <li>{@link #info()} is constant for the life of the service and returns at once. Its {@link SensorTypeInfo#type()}
 * is the driver's identity: while one driver provides a type id, a second service with the same id is refused (the
 * log names both bundles) and takes over only when the first goes away.</li>
 * <li>{@link #open} and {@link SensorSession#close()} are called one at a time, never concurrently for one driver,
 * on a thread of the sensor manager (never a framework thread). {@code open} must return within 100 ms: it opens the
 * pin, registers its listeners and returns. Anything slower (a warm-up, say) is scheduled, not waited for. The
 * manager gives up on an {@code open} after 2 s and on a {@code close} after 1 s, reports the driver as not
 * responding, and closes a session that an abandoned {@code open} returns later.</li>
 * <li>The {@link SensorListener} may be called from any thread of the driver, including from within {@code open};
 * its calls never block. The manager serialises them on its own thread. After {@link SensorSession#close()}
 * returned, the listener must never be called again.</li>
 * <li>A session may only start daemon threads, and must end every thread and timer it started when it is closed.</li>
 * <li>An expected failure at open (pin busy, no GPIO, no pin configured) is a {@link SensorException} whose message
 * is a sentence for the user. A failure later, such as a wiring fault or a lost pin, is reported once through
 * {@link SensorListener#fault(String)}; the manager then closes the session and shows the reason in its status. The
 * manager survives any exception or error a driver throws, and shows it in the status too.</li>
 * </ul>
 */
@ConsumerType
public interface SensorDriver {
    /** The type's metadata, calibration schema included. */
    SensorTypeInfo info();

    /**
     * Starts watching with a configuration already validated against {@link #info()}: every calibration key of
     * the schema is present, and the pin is the configured one or else the type's default.
     *
     * @return the open session, never null
     * @throws SensorException with a sentence for the user if the sensor cannot start watching
     */
    SensorSession open(SensorConfig config, SensorListener listener) throws SensorException;
}
