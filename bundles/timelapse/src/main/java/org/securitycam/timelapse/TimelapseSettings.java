package org.securitycam.timelapse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.web.JsonBody;

/**
 * The {@code Timelapse} section: whether frames are captured ({@code enabled}), the minutes between two frames
 * ({@code interval_minutes}), the playback rate of a day's video ({@code fps}) and the frames' size
 * ({@code resolution}: {@code original}, {@code 640:480} or {@code 320:240}). Types are checked, never coerced:
 * {@code 5.0} and {@code "5"} are no integers. The old spelling {@code 640x480} is taken as {@code 640:480}.
 */
record TimelapseSettings(boolean enabled, int intervalMinutes, int fps, String resolution) {
    static final String SECTION = "Timelapse";
    static final String ENABLED = "enabled";
    static final String INTERVAL = "interval_minutes";
    static final String FPS = "fps";
    static final String RESOLUTION = "resolution";
    static final List<String> FIELDS = List.of(ENABLED, INTERVAL, FPS, RESOLUTION);

    static final String ORIGINAL = "original";
    static final List<String> RESOLUTIONS = List.of(ORIGINAL, "640:480", "320:240");
    static final int MIN_INTERVAL = 1;
    static final int MAX_INTERVAL = 60;
    static final int MIN_FPS = 1;
    static final int MAX_FPS = 60;

    static final TimelapseSettings DEFAULTS = new TimelapseSettings(false, 5, 24, "640:480");

    /** The section as settings.json holds it. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ENABLED, enabled);
        m.put(INTERVAL, intervalMinutes);
        m.put(FPS, fps);
        m.put(RESOLUTION, resolution);
        return m;
    }

    TimelapseSettings withEnabled(boolean on) {
        return new TimelapseSettings(on, intervalMinutes, fps, resolution);
    }

    /** The frame's width for the camera, 0 for the camera's own size. */
    int width() {
        return ORIGINAL.equals(resolution) ? 0 : Integer.parseInt(resolution.substring(0, resolution.indexOf(':')));
    }

    /** The frame's height for the camera, 0 for the camera's own size. */
    int height() {
        return ORIGINAL.equals(resolution) ? 0 : Integer.parseInt(resolution.substring(resolution.indexOf(':') + 1));
    }

    /**
     * Checks a proposed section, whole or in part, over {@code base}: a field it does not name keeps the base's value.
     *
     * @throws InvalidSettingsException naming the field and its rule, or the unknown fields
     */
    static TimelapseSettings validate(Object proposed, TimelapseSettings base) {
        Map<String, Object> m = JsonBody.fields(proposed, FIELDS);
        boolean enabled = base.enabled;
        if (m.containsKey(ENABLED)) {
            if (!(m.get(ENABLED) instanceof Boolean b)) {
                throw new InvalidSettingsException(ENABLED + " must be true or false");
            }
            enabled = b;
        }
        int interval = m.containsKey(INTERVAL) ? JsonBody.integer(INTERVAL, m.get(INTERVAL), MIN_INTERVAL, MAX_INTERVAL)
                : base.intervalMinutes;
        int fps = m.containsKey(FPS) ? JsonBody.integer(FPS, m.get(FPS), MIN_FPS, MAX_FPS) : base.fps;
        String resolution = m.containsKey(RESOLUTION) ? resolution(m.get(RESOLUTION)) : base.resolution;
        return new TimelapseSettings(enabled, interval, fps, resolution);
    }

    /**
     * The section as the device uses it, from whatever the file holds: a field that breaks its rule (an edited file,
     * or one stored before the section had its rules) takes its default, so capture never stops over a typo.
     */
    static TimelapseSettings lenient(Object stored) {
        if (!(stored instanceof Map<?, ?> m)) {
            return DEFAULTS;
        }
        TimelapseSettings s = DEFAULTS;
        for (String field : FIELDS) {
            if (m.containsKey(field)) {
                try {
                    s = validate(Map.of(field, m.get(field) == null ? "" : m.get(field)), s);
                } catch (InvalidSettingsException e) {
                    // keeps the default of this field
                }
            }
        }
        return s;
    }

    private static String resolution(Object value) {
        if (value instanceof String s) {
            String normalised = s.replace('x', ':');
            if (RESOLUTIONS.contains(normalised) && (s.equals(normalised) || s.equals("640x480"))) {
                return normalised;
            }
        }
        throw new InvalidSettingsException(RESOLUTION + " must be one of " + String.join(", ", RESOLUTIONS));
    }

    /** A JSON integer (never a fraction, a string or a boolean) within the range. */
}
