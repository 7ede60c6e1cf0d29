package org.securitycam.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.securitycam.api.settings.InvalidSettingsException;

/**
 * Strict reading of JSON-shaped values: types are checked, never coerced ("yes" is no boolean, 5.0 no integer).
 * Every failure is an {@link InvalidSettingsException} whose message names the field and the rule.
 */
final class Values {
    private Values() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String field, Object value) {
        if (value instanceof Map<?, ?> map) {
            return new LinkedHashMap<>((Map<String, Object>) map);
        }
        throw new InvalidSettingsException(field + " must be a JSON object");
    }

    static void onlyKeys(String section, Map<String, Object> map, Set<String> allowed) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidSettingsException("Unknown field: " + qualified(section, key));
            }
        }
    }

    static boolean bool(String field, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new InvalidSettingsException(field + " must be true or false");
    }

    static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof BigInteger;
    }

    static long integer(String field, Object value, long min, long max) {
        if (!isInteger(value)) {
            throw new InvalidSettingsException(field + " must be an integer from " + min + " to " + max);
        }
        BigInteger n = new BigInteger(value.toString());
        if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new InvalidSettingsException(field + " must be an integer from " + min + " to " + max);
        }
        return n.longValue();
    }

    static double number(String field, Object value, double min, double max) {
        if (!(value instanceof Number) || !Double.isFinite(((Number) value).doubleValue())) {
            throw new InvalidSettingsException(field + " must be a number from " + plain(min) + " to " + plain(max));
        }
        double d = ((Number) value).doubleValue();
        if (d < min || d > max) {
            throw new InvalidSettingsException(field + " must be a number from " + plain(min) + " to " + plain(max));
        }
        return d;
    }

    static String string(String field, Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw new InvalidSettingsException(field + " must be a string");
    }

    /** A number as JSON would show it: whole numbers without a fraction. */
    static Number plain(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return (long) d;
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().doubleValue();
    }

    static String qualified(String section, String key) {
        return section == null ? key : section + "." + key;
    }
}
