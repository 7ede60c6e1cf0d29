package org.securitycam.presence.bluetooth;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.securitycam.api.presence.PresenceException;
import org.securitycam.api.presence.PresenceSource;

/**
 * Bluetooth presence: each poll checks that BlueZ has an adapter, then asks each tracked address directly, since a
 * phone in a pocket is rarely discoverable. A device counts as gone after 3 missed polls.
 */
@Component(service = PresenceSource.class)
public class BluetoothSource implements PresenceSource {
    static final int MISSES_BEFORE_GONE = 3;

    private final Bluez bluez;

    @Activate
    public BluetoothSource(@Reference Bluez bluez) {
        this.bluez = bluez;
    }

    @Override
    public String transport() {
        return BLUETOOTH;
    }

    @Override
    public int missesBeforeGone() {
        return MISSES_BEFORE_GONE;
    }

    @Override
    public List<String> nearby() throws PresenceException {
        bluez.requireAdapter();
        return List.of();
    }

    @Override
    public boolean present(String address) throws PresenceException {
        return bluez.present(address);
    }
}
