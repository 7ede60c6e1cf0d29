package org.securitycam.api.gpio;

/** A pin could not be opened or read: out of range, busy, or the hardware refused. The message is for users. */
public class GpioException extends Exception {
    private static final long serialVersionUID = 1L;

    public GpioException(String message) {
        super(message);
    }

    public GpioException(String message, Throwable cause) {
        super(message, cause);
    }
}
