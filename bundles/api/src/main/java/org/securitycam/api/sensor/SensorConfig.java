package org.securitycam.api.sensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A validated sensor configuration, the {@code Sensor} section of settings.json. {@code gpio} is the pin to watch
 * (the manager fills in the type's default before it opens a driver). Calibration holds every key of the type's
 * schema. Immutable; the manager makes it, and a driver's own tests may make one with {@link #builder(String)}.
 */
public final class SensorConfig {
    private final String type;
    private final Integer gpio;
    private final boolean enabled;
    private final double holdSeconds;
    private final boolean invertLogic;
    private final Map<String, Double> calibration;

    private SensorConfig(Builder b) {
        this.type = b.type;
        this.gpio = b.gpio;
        this.enabled = b.enabled;
        this.holdSeconds = b.holdSeconds;
        this.invertLogic = b.invertLogic;
        this.calibration = Map.copyOf(b.calibration);
    }

    /**
     * A configuration for {@code type}: no pin, enabled, a hold of 10 s, no invert logic and no calibration
     * until set.
     */
    public static Builder builder(String type) {
        return new Builder(type);
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        return new Builder(type).gpio(gpio).enabled(enabled).holdSeconds(holdSeconds).invertLogic(invertLogic)
                .calibration(calibration);
    }

    public String type() {
        return type;
    }

    /** The pin, or null where none is configured and the type has no default. */
    public Integer gpio() {
        return gpio;
    }

    public boolean enabled() {
        return enabled;
    }

    /** How long a recording goes on after the sensor released. */
    public double holdSeconds() {
        return holdSeconds;
    }

    /** True if the module's active level is the opposite of the driver's default. */
    public boolean invertLogic() {
        return invertLogic;
    }

    public Map<String, Double> calibration() {
        return calibration;
    }

    /** A calibration value, or the fallback if the key is absent. */
    public double calibration(String key, double fallback) {
        return calibration.getOrDefault(key, fallback);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SensorConfig c && type.equals(c.type) && Objects.equals(gpio, c.gpio)
                && enabled == c.enabled && holdSeconds == c.holdSeconds && invertLogic == c.invertLogic
                && calibration.equals(c.calibration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, gpio, enabled, holdSeconds, invertLogic, calibration);
    }

    @Override
    public String toString() {
        return type + (gpio == null ? "" : " on GPIO " + gpio) + (enabled ? "" : " (disabled)") + ", hold "
                + holdSeconds + " s" + (invertLogic ? ", inverted" : "") + ", calibration " + calibration;
    }

    /** Collects a configuration's fields. */
    public static final class Builder {
        private final String type;
        private Integer gpio;
        private boolean enabled = true;
        private double holdSeconds = 10;
        private boolean invertLogic;
        private final Map<String, Double> calibration = new LinkedHashMap<>();

        private Builder(String type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        public Builder gpio(Integer gpio) {
            this.gpio = gpio;
            return this;
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public Builder holdSeconds(double seconds) {
            this.holdSeconds = seconds;
            return this;
        }

        public Builder invertLogic(boolean invert) {
            this.invertLogic = invert;
            return this;
        }

        /** Replaces the calibration values with these. */
        public Builder calibration(Map<String, Double> values) {
            calibration.clear();
            calibration.putAll(values);
            return this;
        }

        /** Sets one calibration value. */
        public Builder calibration(String key, double value) {
            calibration.put(key, value);
            return this;
        }

        public SensorConfig build() {
            return new SensorConfig(this);
        }
    }
}
