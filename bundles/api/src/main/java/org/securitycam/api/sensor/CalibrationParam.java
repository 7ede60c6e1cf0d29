package org.securitycam.api.sensor;

import java.util.Objects;

/**
 * One calibration parameter of a sensor type: a number within {@code [min, max]}, moved in {@code step}s, with a
 * default inside the range. {@code unit} may be null. The labels describe the two ends of the range for a slider.
 * Immutable; made with {@link #builder(String)}.
 */
public final class CalibrationParam {
    private final String key;
    private final String name;
    private final double min;
    private final double max;
    private final double defaultValue;
    private final double step;
    private final String unit;
    private final String description;
    private final String minLabel;
    private final String maxLabel;

    private CalibrationParam(Builder b) {
        this.key = b.key;
        this.name = b.name != null ? b.name : b.key;
        this.min = b.min;
        this.max = b.max;
        this.defaultValue = b.defaultValue;
        this.step = b.step;
        this.unit = b.unit;
        this.description = b.description != null ? b.description : "";
        this.minLabel = b.minLabel != null ? b.minLabel : "";
        this.maxLabel = b.maxLabel != null ? b.maxLabel : "";
        if (key.isBlank()) {
            throw new IllegalArgumentException("A calibration key must not be blank");
        }
        if (!(min <= defaultValue && defaultValue <= max)) {
            throw new IllegalArgumentException(key + ": default " + defaultValue + " is outside " + min + "-" + max);
        }
        if (!(step > 0)) {
            throw new IllegalArgumentException(key + ": step must be positive");
        }
    }

    /** A parameter with the key {@code key}, as it appears in {@code Sensor.calibration} of the settings. */
    public static Builder builder(String key) {
        return new Builder(key);
    }

    /** The common {@code debounce_ms} parameter every GPIO driver carries, with the driver's own default. */
    public static CalibrationParam debounceMs(int defaultMs) {
        return builder("debounce_ms").name("Debounce").range(0, 1000).defaultValue(defaultMs).step(10).unit("ms")
                .description("Ignores level changes shorter than this").labels("Fast", "Stable").build();
    }

    public String key() {
        return key;
    }

    public String name() {
        return name;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public double defaultValue() {
        return defaultValue;
    }

    public double step() {
        return step;
    }

    /** The unit shown after the value ("ms", "s"), or null for a plain number. */
    public String unit() {
        return unit;
    }

    public String description() {
        return description;
    }

    public String minLabel() {
        return minLabel;
    }

    public String maxLabel() {
        return maxLabel;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CalibrationParam p && key.equals(p.key) && name.equals(p.name) && min == p.min
                && max == p.max && defaultValue == p.defaultValue && step == p.step && Objects.equals(unit, p.unit)
                && description.equals(p.description) && minLabel.equals(p.minLabel) && maxLabel.equals(p.maxLabel);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, name, min, max, defaultValue, step, unit, description, minLabel, maxLabel);
    }

    @Override
    public String toString() {
        return key + " [" + min + ", " + max + "] default " + defaultValue;
    }

    /** Collects a parameter's fields; {@link #build()} checks that the default lies within the range. */
    public static final class Builder {
        private final String key;
        private String name;
        private double min;
        private double max;
        private double defaultValue;
        private double step = 1;
        private String unit;
        private String description;
        private String minLabel;
        private String maxLabel;

        private Builder(String key) {
            this.key = Objects.requireNonNull(key, "key");
        }

        /** The name shown to users; the key if not set. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder range(double min, double max) {
            this.min = min;
            this.max = max;
            return this;
        }

        public Builder defaultValue(double value) {
            this.defaultValue = value;
            return this;
        }

        /** The slider's step, 1 if not set; a whole step means the value must be a whole number. */
        public Builder step(double step) {
            this.step = step;
            return this;
        }

        public Builder unit(String unit) {
            this.unit = unit;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** What the low and the high end of the range mean, for example "Sensitive" and "Tolerant". */
        public Builder labels(String minLabel, String maxLabel) {
            this.minLabel = minLabel;
            this.maxLabel = maxLabel;
            return this;
        }

        /** @throws IllegalArgumentException if the key is blank, the default is outside the range or the step is not positive */
        public CalibrationParam build() {
            return new CalibrationParam(this);
        }
    }
}
