package org.securitycam.api.presence;

/**
 * A presence source has no adapter to ask (no Bluetooth controller, no Wi-Fi interface, its tool not installed).
 * The message is a sentence for the user, shown in the status and in a 503 of the source's routes.
 */
public class NoAdapterException extends PresenceException {
    private static final long serialVersionUID = 1L;

    public NoAdapterException(String message) {
        super(message);
    }
}
