package org.securitycam.api.sensor;

/**
 * One calibration parameter of a sensor type: a number within {@code [min, max]}, moved in {@code step}s.
 * {@code unit} may be null. The labels describe the two ends of the range for a slider.
 */
public record CalibrationParam(String key, String name, double min, double max, double defaultValue, double step,
        String unit, String description, String minLabel, String maxLabel) {

    public CalibrationParam {
        if (!(min <= defaultValue && defaultValue <= max)) {
            throw new IllegalArgumentException(key + ": default " + defaultValue + " is outside " + min + "-" + max);
        }
    }

    /** The common {@code debounce_ms} parameter every GPIO driver carries, with the driver's own default. */
    public static CalibrationParam debounceMs(int defaultMs) {
        return new CalibrationParam("debounce_ms", "Debounce", 0, 1000, defaultMs, 10, "ms",
                "Ignores level changes shorter than this", "Fast", "Stable");
    }
}
