package org.securitycam.web;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.securitycam.api.settings.InvalidSettingsException;

/**
 * Strict reading of JSON: a route's object body, or a settings section, present, without unknown fields, each field
 * of its own type (never coerced: "5" is no number, 4.5 and 5.0 are no integers).
 */
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

    /**
     * A settings section that must be a JSON object whose fields are all among {@code known}; the message names every
     * unknown field and the known ones.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> fields(Object section, Collection<String> known) {
        if (!(section instanceof Map<?, ?> m)) {
            throw new InvalidSettingsException("must be a JSON object");
        }
        List<String> unknown = new ArrayList<>();
        for (Object key : m.keySet()) {
            if (!known.contains(key)) {
                unknown.add(String.valueOf(key));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidSettingsException((unknown.size() == 1 ? "Unknown field: " : "Unknown fields: ")
                    + String.join(", ", unknown) + " (known: " + String.join(", ", known) + ")");
        }
        return (Map<String, Object>) m;
    }

    /** A JSON integer from {@code min} to {@code max}. */
    public static int integer(String field, Object value, int min, int max) {
        boolean whole = value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof BigInteger;
        if (!whole || new BigInteger(value.toString()).compareTo(BigInteger.valueOf(min)) < 0
                || new BigInteger(value.toString()).compareTo(BigInteger.valueOf(max)) > 0) {
            throw new InvalidSettingsException(field + " must be an integer from " + min + " to " + max);
        }
        return ((Number) value).intValue();
    }
}
