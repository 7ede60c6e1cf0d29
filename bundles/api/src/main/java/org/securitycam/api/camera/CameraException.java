package org.securitycam.api.camera;

/** The camera could not do what was asked. The message names the cause for the user. */
public class CameraException extends Exception {
    private static final long serialVersionUID = 1L;

    public CameraException(String message) {
        super(message);
    }
}
