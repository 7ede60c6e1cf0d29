package org.securitycam.web;

import java.util.Map;
import java.util.Set;

import org.securitycam.api.settings.InvalidSettingsException;

/** Strict reading of a route's JSON object body: present, no unknown fields, fields of the right type (spec §0). */
public final class JsonBody {
    private JsonBody() {
    }

    /** The body, which must be there: Jackson has already refused anything but a JSON object. */
    public static Map<String, Object> required(Map<String, Object> body) {
        if (body == null) {
            throw new InvalidSettingsException("Request body must be a JSON object");
        }
        return body;
    }

    /** The body, which must be a JSON object whose fields are all among {@code allowed}. */
    public static Map<String, Object> object(Map<String, Object> body, Set<String> allowed) {
        required(body);
        for (String key : body.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidSettingsException("Unknown field: " + key);
            }
        }
        return body;
    }

    /** A required string field. */
    public static String string(Map<String, Object> body, String field) {
        if (!(body.get(field) instanceof String s)) {
            throw new InvalidSettingsException(field + " is required and must be a string");
        }
        return s;
    }
}
