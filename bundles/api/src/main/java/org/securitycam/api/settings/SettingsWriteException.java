package org.securitycam.api.settings;

/**
 * The settings could not be saved (the disk is full, the filesystem read-only): nothing was changed, neither the
 * file nor the device's state. The message names the cause and is shown to the client as is; routes answer 507.
 */
public class SettingsWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SettingsWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
