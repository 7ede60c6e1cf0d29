package org.securitycam.api.sensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code GET /sensor/types} shows for one driver: its identity, the module it drives, how to wire it,
 * and its calibration schema. {@code defaultGpio} is null for a driver without a pin. Immutable; made with
 * {@link #builder(String)}.
 */
public final class SensorTypeInfo {
    private final String type;
    private final String name;
    private final Integer defaultGpio;
    private final String module;
    private final String description;
    private final String useCase;
    private final List<WiringPin> wiring;
    private final String wiringNote;
    private final List<CalibrationParam> calibration;

    private SensorTypeInfo(Builder b) {
        this.type = b.type;
        this.name = b.name != null ? b.name : b.type;
        this.defaultGpio = b.defaultGpio;
        this.module = b.module != null ? b.module : "";
        this.description = b.description != null ? b.description : "";
        this.useCase = b.useCase != null ? b.useCase : "";
        this.wiring = List.copyOf(b.wiring);
        this.wiringNote = b.wiringNote != null ? b.wiringNote : "";
        this.calibration = List.copyOf(b.calibration);
        if (type.isBlank()) {
            throw new IllegalArgumentException("A sensor type id must not be blank");
        }
        if (calibration.stream().map(CalibrationParam::key).distinct().count() != calibration.size()) {
            throw new IllegalArgumentException(type + ": two calibration parameters share a key");
        }
    }

    /**
     * Metadata for the type id {@code type}: lower case with underscores, as it appears in {@code Sensor.type} of
     * the settings ("reed_switch", "tripwire").
     */
    public static Builder builder(String type) {
        return new Builder(type);
    }

    public String type() {
        return type;
    }

    public String name() {
        return name;
    }

    /** The pin the type uses when none is configured, or null for a sensor without a pin. */
    public Integer defaultGpio() {
        return defaultGpio;
    }

    public String module() {
        return module;
    }

    public String description() {
        return description;
    }

    public String useCase() {
        return useCase;
    }

    public List<WiringPin> wiring() {
        return wiring;
    }

    public String wiringNote() {
        return wiringNote;
    }

    public List<CalibrationParam> calibration() {
        return calibration;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SensorTypeInfo i && type.equals(i.type) && name.equals(i.name)
                && Objects.equals(defaultGpio, i.defaultGpio) && module.equals(i.module)
                && description.equals(i.description) && useCase.equals(i.useCase) && wiring.equals(i.wiring)
                && wiringNote.equals(i.wiringNote) && calibration.equals(i.calibration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, name, defaultGpio, module, description, useCase, wiring, wiringNote, calibration);
    }

    @Override
    public String toString() {
        return type + " (" + name + ")";
    }

    /** Collects a type's metadata; text fields not set are empty, lists not added to are empty. */
    public static final class Builder {
        private final String type;
        private String name;
        private Integer defaultGpio;
        private String module;
        private String description;
        private String useCase;
        private final List<WiringPin> wiring = new ArrayList<>();
        private String wiringNote;
        private final List<CalibrationParam> calibration = new ArrayList<>();

        private Builder(String type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        /** The name shown to users; the type id if not set. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder defaultGpio(Integer gpio) {
            this.defaultGpio = gpio;
            return this;
        }

        /** The module's part name, for example "KY-025". */
        public Builder module(String module) {
            this.module = module;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder useCase(String useCase) {
            this.useCase = useCase;
            return this;
        }

        /** Adds one wire, in the order a user connects them. */
        public Builder wire(String pin, String connect) {
            wiring.add(WiringPin.of(pin, connect));
            return this;
        }

        public Builder wiringNote(String note) {
            this.wiringNote = note;
            return this;
        }

        /** Adds calibration parameters, in the order a form shows them. */
        public Builder calibration(CalibrationParam... params) {
            calibration.addAll(List.of(params));
            return this;
        }

        /** @throws IllegalArgumentException if the type id is blank or two parameters share a key */
        public SensorTypeInfo build() {
            return new SensorTypeInfo(this);
        }
    }
}
