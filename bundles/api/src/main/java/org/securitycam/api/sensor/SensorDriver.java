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
 *
 * <p>What a driver author would otherwise have to guess:
 * <dl>
 * <dt>The GPIO reference</dt>
 * <dd>Make the {@code GpioService} reference optional and dynamic ({@code cardinality = OPTIONAL, policy = DYNAMIC,
 * policyOption = GREEDY} on a {@code volatile} field), read it once in {@code open}, and throw a
 * {@link SensorException} ("GPIO is not available on this host") while it is null. The type is then listed on a
 * host without a board, and the driver is not restarted when the board's bundle is. The built-in drivers do this
 * through their shared base class.</dd>
 * <dt>A driver that goes away</dt>
 * <dd>When the driver's service goes away (its bundle stopped, updated or uninstalled), the manager closes the
 * running session through {@link SensorSession#close()}, on a thread of its own, shortly afterwards: that may be
 * after the driver's component was deactivated. So a session must be closable on its own, and the driver need not
 * close its sessions when it is deactivated; {@code close} is called once, by the manager. A recording that the
 * session's trigger started counts as released and ends after its hold.</dd>
 * <dt>Listener calls and {@code close}</dt>
 * <dd>A listener call only queues the event for the manager's thread and returns at once: it never blocks, never
 * waits for the manager and never throws. The manager never calls {@code close} from inside a listener call; it calls
 * it later from a thread of its own, which may be while another thread of the driver is in a listener call. A
 * driver may therefore hold the lock its {@code close} takes while it calls the listener (the example driver does),
 * and {@code close} should take that lock, so that no call comes after it returned. A call that comes anyway is
 * ignored.</dd>
 * <dt>{@code debounce_ms}</dt>
 * <dd>Not required. The manager hands a driver exactly the calibration keys of its schema, with their defaults where
 * the user set none, and refuses any other key with a 400. A driver that offers a debounce declares
 * {@link CalibrationParam#debounceMs(int)} and passes the value to {@code GpioService.openInput}; without that key
 * its input is not debounced.</dd>
 * <dt>{@code invert_logic}</dt>
 * <dd>{@link SensorConfig#invertLogic()} swaps the module's active level, and the driver applies it (the manager
 * does not). For a driver that follows the line, the condition holds while the line is at the active level. For a
 * driver that counts edges, a pulse is an edge to the active level: the vibration driver, active low, counts edges
 * to low, and with {@code invert_logic} it counts edges to high and ignores the edges back.</dd>
 * <dt>Values off the {@code step} grid</dt>
 * <dd>{@link CalibrationParam#step()} is the slider's step, not a grid: a value within {@code [min, max]} reaches
 * the driver as the user sent it, neither rounded nor refused ({@code debounce_ms} 15 with a step of 10 stays 15).
 * The one rule a step makes: a whole-number step takes only whole numbers, so 15.5 is refused with a 400. A driver
 * that needs values on its grid rounds them itself.</dd>
 * <dt>Installing through {@code deploy/}</dt>
 * <dd>The {@code deploy/} folder under the device's data home is scanned every half second. Every file in it is
 * taken, whatever its name (a hidden file or a {@code .tmp} file too): a jar with a bundle manifest is installed
 * and started, {@code .cfg} and {@code .config} files are configurations. Overwriting a file updates its bundle in
 * place, deleting it uninstalls it. A new file that is not yet a complete jar is left alone until it is, but copy
 * atomically all the same: write the jar outside {@code deploy/} on the same file system and rename it in
 * ({@code mv}), since a temporary file written inside {@code deploy/} is installed as a bundle of its own, and a
 * jar overwritten in place may be read while half written.</dd>
 * </dl>
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
