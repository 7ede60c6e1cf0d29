package org.securitycam.storage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.web.JsonBody;

/**
 * The {@code StorageLimit} section: whether old media is deleted automatically ({@code enabled}), the disk use in
 * percent above which the oldest media goes ({@code max_percent}), and the age in days beyond which media goes
 * whatever the disk use ({@code max_days}, 0 for none). Values are checked strictly, never coerced or clamped:
 * {@code 85.0} and {@code "85"} are not integers, {@code 96} is out of range.
 */
record StorageLimit(boolean enabled, int maxPercent, int maxDays) {
    static final String SECTION = "StorageLimit";
    static final String ENABLED = "enabled";
    static final String MAX_PERCENT = "max_percent";
    static final String MAX_DAYS = "max_days";

    static final boolean DEFAULT_ENABLED = false;
    static final int DEFAULT_PERCENT = 85;
    static final int MIN_PERCENT = 10;
    static final int HIGHEST_PERCENT = 95;
    static final int DEFAULT_DAYS = 0;
    static final int MOST_DAYS = 3650;

    static final StorageLimit DEFAULTS = new StorageLimit(DEFAULT_ENABLED, DEFAULT_PERCENT, DEFAULT_DAYS);

    /** The section as settings.json holds it. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ENABLED, enabled);
        m.put(MAX_PERCENT, maxPercent);
        m.put(MAX_DAYS, maxDays);
        return m;
    }

    /**
     * Checks a proposed section, whole or in part; a field it does not name keeps its default.
     *
     * @throws InvalidSettingsException naming the field and its rule, or every unknown field
     */
    static StorageLimit validate(Object proposed) {
        Map<String, Object> m = JsonBody.fields(proposed, List.of(ENABLED, MAX_PERCENT, MAX_DAYS));
        boolean enabled = DEFAULT_ENABLED;
        if (m.containsKey(ENABLED)) {
            if (!(m.get(ENABLED) instanceof Boolean b)) {
                throw new InvalidSettingsException(ENABLED + " must be true or false");
            }
            enabled = b;
        }
        int percent = m.containsKey(MAX_PERCENT)
                ? JsonBody.integer(MAX_PERCENT, m.get(MAX_PERCENT), MIN_PERCENT, HIGHEST_PERCENT) : DEFAULT_PERCENT;
        int days = m.containsKey(MAX_DAYS) ? JsonBody.integer(MAX_DAYS, m.get(MAX_DAYS), 0, MOST_DAYS) : DEFAULT_DAYS;
        return new StorageLimit(enabled, percent, days);
    }

    /** A JSON integer (never a fraction, a string or a boolean) within the range. */
}
