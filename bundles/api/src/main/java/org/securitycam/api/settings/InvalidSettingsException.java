package org.securitycam.api.settings;

/** A value was refused. The message names the field and the rule, and is shown to the client as is. */
public class InvalidSettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSettingsException(String message) {
        super(message);
    }
}
