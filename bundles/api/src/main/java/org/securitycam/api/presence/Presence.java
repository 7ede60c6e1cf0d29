package org.securitycam.api.presence;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The device's tracked devices, one list per transport ({@link PresenceSource#BLUETOOTH},
 * {@link PresenceSource#WIFI}), kept in settings.json. Each address is in a list once. A change is polled at once,
 * so that the status soon shows it. None of the methods waits on a presence source.
 */
@ProviderType
public interface Presence {
    /** The tracked devices of a transport, in the order they were added. */
    List<TrackedDevice> tracked(String transport);

    /**
     * Adds a device to the transport's list, or gives a tracked one the new name if {@code device} has one.
     *
     * @throws org.securitycam.api.settings.InvalidSettingsException if the transport is unknown
     */
    void track(String transport, TrackedDevice device);

    /**
     * Takes a device off the transport's list.
     *
     * @param address an address in any case, already checked with {@link TrackedDevice#address(String)}
     * @return false if it was not tracked
     */
    boolean untrack(String transport, String address);
}
