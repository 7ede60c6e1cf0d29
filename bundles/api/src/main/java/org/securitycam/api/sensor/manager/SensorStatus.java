package org.securitycam.api.sensor.manager;

import java.util.Objects;

import org.securitycam.api.sensor.SensorConfig;
import org.securitycam.api.sensor.SensorTypeInfo;

/**
 * A consistent snapshot of the sensor manager, the fields of {@code GET /sensor/status}. {@code running} tells
 * whether a driver session is open; {@code available} is false while the configured type has no driver;
 * {@code problem} is the last reason the sensor is not running (or not responding), or null; {@code conflict} says
 * which other driver for the configured type was refused because this one has it, or null. Immutable; made by the
 * manager with {@link #builder(SensorConfig)}.
 */
public final class SensorStatus {
    private final boolean enabled;
    private final boolean armed;
    private final boolean triggered;
    private final boolean suppressed;
    private final boolean recordingFromSensor;
    private final SensorConfig config;
    private final SensorTypeInfo type;
    private final boolean running;
    private final boolean available;
    private final String problem;
    private final String conflict;

    private SensorStatus(Builder b) {
        this.enabled = b.config.enabled();
        this.armed = b.config.enabled() && b.running;
        this.triggered = b.triggered;
        this.suppressed = b.suppressed;
        this.recordingFromSensor = b.recordingFromSensor;
        this.config = b.config;
        this.type = b.type;
        this.running = b.running;
        this.available = b.type != null;
        this.problem = b.problem;
        this.conflict = b.conflict;
    }

    /** A status for the configuration {@code config}: enabled as it says, nothing running until set. */
    public static Builder builder(SensorConfig config) {
        return new Builder(config);
    }

    public boolean enabled() {
        return enabled;
    }

    /** Enabled and running: a trigger now records. */
    public boolean armed() {
        return armed;
    }

    public boolean triggered() {
        return triggered;
    }

    /** Triggered while the owner is home, so nothing records. */
    public boolean suppressed() {
        return suppressed;
    }

    public boolean recordingFromSensor() {
        return recordingFromSensor;
    }

    public SensorConfig config() {
        return config;
    }

    /** The configured type's metadata, or null while no driver provides it. */
    public SensorTypeInfo type() {
        return type;
    }

    public boolean running() {
        return running;
    }

    public boolean available() {
        return available;
    }

    public String problem() {
        return problem;
    }

    public String conflict() {
        return conflict;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SensorStatus s && enabled == s.enabled && armed == s.armed && triggered == s.triggered
                && suppressed == s.suppressed && recordingFromSensor == s.recordingFromSensor
                && config.equals(s.config) && Objects.equals(type, s.type) && running == s.running
                && available == s.available && Objects.equals(problem, s.problem)
                && Objects.equals(conflict, s.conflict);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, armed, triggered, suppressed, recordingFromSensor, config, type, running,
                available, problem, conflict);
    }

    @Override
    public String toString() {
        return "SensorStatus[" + config + (running ? ", running" : "") + (triggered ? ", triggered" : "")
                + (recordingFromSensor ? ", recording" : "") + (problem == null ? "" : ", problem: " + problem)
                + (conflict == null ? "" : ", conflict: " + conflict) + "]";
    }

    /** Collects a status; {@code armed} and {@code available} follow from the rest. */
    public static final class Builder {
        private final SensorConfig config;
        private SensorTypeInfo type;
        private boolean running;
        private boolean triggered;
        private boolean suppressed;
        private boolean recordingFromSensor;
        private String problem;
        private String conflict;

        private Builder(SensorConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** The configured type's driver metadata, or null if none is installed. */
        public Builder type(SensorTypeInfo type) {
            this.type = type;
            return this;
        }

        public Builder running(boolean running) {
            this.running = running;
            return this;
        }

        public Builder triggered(boolean triggered) {
            this.triggered = triggered;
            return this;
        }

        public Builder suppressed(boolean suppressed) {
            this.suppressed = suppressed;
            return this;
        }

        public Builder recordingFromSensor(boolean recording) {
            this.recordingFromSensor = recording;
            return this;
        }

        public Builder problem(String problem) {
            this.problem = problem;
            return this;
        }

        public Builder conflict(String conflict) {
            this.conflict = conflict;
            return this;
        }

        public SensorStatus build() {
            return new SensorStatus(this);
        }
    }
}
