package org.securitycam.api.presence;

/** A presence source could not tell whether a device is near; the message says why, for the log. */
public class PresenceException extends Exception {
    private static final long serialVersionUID = 1L;

    public PresenceException(String message) {
        super(message);
    }
}
