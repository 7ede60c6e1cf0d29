package org.securitycam.api.sensor;

/** A driver could not start watching. The message is shown to users as the reason the sensor is not running. */
public class SensorException extends Exception {
    private static final long serialVersionUID = 1L;

    public SensorException(String message) {
        super(message);
    }

    public SensorException(String message, Throwable cause) {
        super(message, cause);
    }
}
