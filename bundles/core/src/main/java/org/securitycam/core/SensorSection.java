package org.securitycam.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.securitycam.api.gpio.GpioService;
import org.securitycam.api.sensor.CalibrationParam;
import org.securitycam.api.sensor.SensorConfig;
import org.securitycam.api.sensor.SensorTypeInfo;
import org.securitycam.api.settings.InvalidSettingsException;

/** The rules of the {@code Sensor} section, as {@code POST /sensor/configure} takes it, checked against a driver's schema. */
final class SensorSection {
    private static final Set<String> FIELDS = Set.of("type", "gpio", "enabled", "hold_seconds", "invert_logic",
            "calibration");

    private SensorSection() {
    }

    /**
     * The section on a device that was never configured.
     *
     * @param devProfile true on the dev profile, where the software sensor is the default and runs at once
     */
    static Map<String, Object> defaults(boolean devProfile) {
        Map<String, Object> sensor = new LinkedHashMap<>();
        sensor.put("type", devProfile ? "mock" : "reed_switch");
        sensor.put("gpio", devProfile ? null : 22);
        sensor.put("enabled", devProfile);
        sensor.put("hold_seconds", 10);
        sensor.put("invert_logic", false);
        sensor.put("calibration", new LinkedHashMap<>());
        return sensor;
    }

    /** The type named by a proposed section, checked only for being a non-empty string. */
    static String type(Object proposed) {
        Map<String, Object> m = Values.object("Sensor", proposed);
        Object type = m.get("type");
        if (type == null) {
            throw new InvalidSettingsException("type is required");
        }
        String t = Values.string("type", type);
        if (t.isBlank()) {
            throw new InvalidSettingsException("type must not be empty");
        }
        return t;
    }

    /** Validates a proposed section for the driver {@code info} and returns it complete, defaults filled in. */
    static Map<String, Object> validate(Object proposed, SensorTypeInfo info) {
        Map<String, Object> m = Values.object("Sensor", proposed);
        Values.onlyKeys(null, m, FIELDS);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", info.type());
        Object gpio = m.get("gpio");
        // A null or missing pin means the type's default, stored as such so that the file and the status show the
        // pin really used; a type without a pin (the mock) keeps null.
        out.put("gpio", gpio == null ? (Object) info.defaultGpio()
                : (Object) Values.integer("gpio", gpio, GpioService.MIN_PIN, GpioService.MAX_PIN));
        out.put("enabled", !m.containsKey("enabled") || Values.bool("enabled", m.get("enabled")));
        out.put("hold_seconds", m.containsKey("hold_seconds")
                ? Values.plain(Values.number("hold_seconds", m.get("hold_seconds"), 0, 3600)) : 10);
        out.put("invert_logic", m.containsKey("invert_logic") && Values.bool("invert_logic", m.get("invert_logic")));
        out.put("calibration", calibration(m.getOrDefault("calibration", Map.of()), info));
        return out;
    }

    private static Map<String, Object> calibration(Object value, SensorTypeInfo info) {
        Map<String, Object> given = Values.object("calibration", value == null ? Map.of() : value);
        Map<String, CalibrationParam> schema = new LinkedHashMap<>();
        info.calibration().forEach(p -> schema.put(p.key(), p));
        for (String key : given.keySet()) {
            if (!schema.containsKey(key)) {
                throw new InvalidSettingsException("Unknown calibration key for " + info.type() + ": " + key
                        + (schema.isEmpty() ? " (this type has no calibration)" : " (known: " + String.join(", ",
                                schema.keySet()) + ")"));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (CalibrationParam p : schema.values()) {
            String field = "calibration." + p.key();
            if (!given.containsKey(p.key())) {
                out.put(p.key(), Values.plain(p.defaultValue()));
                continue;
            }
            double v = Values.number(field, given.get(p.key()), p.min(), p.max());
            boolean wholeSteps = p.step() == Math.rint(p.step());
            if (wholeSteps && !Values.isInteger(given.get(p.key()))) {
                throw new InvalidSettingsException(field + " must be a whole number from " + Values.plain(p.min())
                        + " to " + Values.plain(p.max()));
            }
            out.put(p.key(), Values.plain(v));
        }
        return out;
    }

    /** Reads a section that was validated when it was stored. */
    static SensorConfig toConfig(Map<String, Object> section) {
        Map<String, Double> calibration = new LinkedHashMap<>();
        Object cal = section.get("calibration");
        if (cal instanceof Map<?, ?> c) {
            c.forEach((k, v) -> {
                if (v instanceof Number n) {
                    calibration.put(String.valueOf(k), n.doubleValue());
                }
            });
        }
        Object gpio = section.get("gpio");
        Object hold = section.get("hold_seconds");
        return SensorConfig.builder(String.valueOf(section.get("type")))
                .gpio(gpio instanceof Number n ? n.intValue() : null)
                .enabled(!Boolean.FALSE.equals(section.get("enabled")))
                .holdSeconds(hold instanceof Number h ? h.doubleValue() : 10)
                .invertLogic(Boolean.TRUE.equals(section.get("invert_logic")))
                .calibration(calibration)
                .build();
    }
}
