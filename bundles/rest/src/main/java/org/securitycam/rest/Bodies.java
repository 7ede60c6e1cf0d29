package org.securitycam.rest;

import java.util.Map;

import org.securitycam.api.settings.InvalidSettingsException;

/** Checks that a request came with the JSON object body its route needs. */
final class Bodies {
    private Bodies() {
    }

    static Map<String, Object> required(Map<String, Object> body) {
        if (body == null) {
            throw new InvalidSettingsException("Request body must be a JSON object");
        }
        return body;
    }
}
