package org.securitycam.api.presence;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way to tell whether a tracked device is near. Register an implementation as an OSGi service from a bundle of
 * its own ({@code @Component(service = PresenceSource.class)}); the device polls it from then on, and when the
 * service goes away its votes go with it and presence rests on the sources that remain.
 *
 * <p>The contract:
 * <ul>
 * <li>{@link #transport()} and {@link #missesBeforeGone()} are constant for the life of the service. The transport
 * says which tracked list the source checks: {@link #BLUETOOTH} ({@code TARGET_BT_ADDRESSES}) or {@link #WIFI}
 * ({@code TARGET_AP_MAC_ADDRESSES}). Several sources may check one transport: a device is present if any of them
 * says so.</li>
 * <li>{@link #nearby()} and {@link #present(String)} are called on a polling thread of the device, never on a
 * request thread or a framework thread, and one at a time for one source: every poll calls {@code nearby()} once,
 * then {@code present} for each tracked address of the transport. So {@code present} may answer from what
 * {@code nearby()} of the same poll found; if {@code nearby()} throws, that poll asks the source nothing more.</li>
 * <li>Each call returns within {@link #CALL_TIMEOUT_MS}; a tool that it runs gets a shorter timeout of its own, and
 * a device that does not answer in time is simply not present. The device gives up on a call that takes longer,
 * counts its devices as missed, and asks that source nothing more until the call returns, so a hung source delays
 * a poll at most by this limit and never delays the other sources or any route.</li>
 * <li>A missing adapter (no Bluetooth controller, no Wi-Fi interface, the tool not installed) is a
 * {@link NoAdapterException} whose message is a sentence for the user; the source then counts as inactive in the
 * status until a call succeeds. Any other failure to tell (a tool that printed garbage or failed) is a
 * {@link PresenceException}: the device counts the device as not present and logs one WARNING per streak of
 * failures, so a source does not log them itself.</li>
 * </ul>
 */
@ConsumerType
public interface PresenceSource {
    /** The transport of Bluetooth sources, and the key of their devices in {@code GET /devices/status}. */
    String BLUETOOTH = "bt";
    /** The transport of Wi-Fi sources, and the key of their devices in {@code GET /devices/status}. */
    String WIFI = "wifi";
    /** The longest a call may take before the device gives up on it. */
    long CALL_TIMEOUT_MS = 5_000;

    /** {@link #BLUETOOTH} or {@link #WIFI}. */
    String transport();

    /**
     * How many polls in a row a device must be missed before it counts as gone; 1 means at the first miss. A phone
     * in a pocket misses a Bluetooth poll now and then, so Bluetooth sources say 3.
     */
    default int missesBeforeGone() {
        return 1;
    }

    /**
     * Starts a poll, and returns the addresses this source sees without asking each (the stations of an access
     * point), in upper case, tracked or not; empty if it cannot list devices.
     *
     * @throws NoAdapterException if the adapter or its tool is missing
     * @throws PresenceException if the source cannot tell now
     */
    default List<String> nearby() throws PresenceException {
        return List.of();
    }

    /**
     * Whether the device with this address (upper case, {@code AA:BB:CC:DD:EE:FF}) is near now.
     *
     * @throws NoAdapterException if the adapter or its tool is missing
     * @throws PresenceException if the source cannot tell now
     */
    boolean present(String address) throws PresenceException;
}
