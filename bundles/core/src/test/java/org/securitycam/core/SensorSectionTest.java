package org.securitycam.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.securitycam.api.sensor.CalibrationParam;
import org.securitycam.api.sensor.SensorTypeInfo;
import org.securitycam.api.settings.InvalidSettingsException;

class SensorSectionTest {
    private static final SensorTypeInfo PIR = SensorTypeInfo.builder("pir").defaultGpio(17)
            .calibration(CalibrationParam.builder("sensitivity").range(1, 10).defaultValue(7).build(),
                    CalibrationParam.builder("ratio").range(0, 1).defaultValue(0.5).step(0.1).build())
            .build();
    private static final SensorTypeInfo MOCK = SensorTypeInfo.builder("mock").build();

    @Test
    void aNullOrMissingPinIsTheTypesDefault() {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("type", "pir");
        withNull.put("gpio", null);
        assertEquals(17L, ((Number) SensorSection.validate(withNull, PIR).get("gpio")).longValue());
        assertEquals(17L, ((Number) SensorSection.validate(Map.of("type", "pir"), PIR).get("gpio")).longValue());
        assertEquals(4L, SensorSection.validate(Map.of("type", "pir", "gpio", 4), PIR).get("gpio"));
        assertNull(SensorSection.validate(withNull, MOCK).get("gpio"), "a type without a pin keeps null");
    }

    @Test
    void wholeNumbersStayIntegers() {
        Map<String, Object> out = SensorSection.validate(Map.of("type", "pir", "hold_seconds", 10,
                "calibration", Map.of("sensitivity", 3)), PIR);
        assertEquals(10L, out.get("hold_seconds"));
        assertEquals(Map.of("sensitivity", 3L, "ratio", 0.5), out.get("calibration"));
        assertEquals(10, SensorSection.validate(Map.of("type", "pir"), PIR).get("hold_seconds"));
        assertEquals(2.5, SensorSection.validate(Map.of("type", "pir", "hold_seconds", 2.5), PIR).get("hold_seconds"));
        assertThrows(InvalidSettingsException.class,
                () -> SensorSection.validate(Map.of("type", "pir", "calibration", Map.of("sensitivity", 3.5)), PIR));
    }

    @Test
    void valuesOffTheStepGridAreKeptAsGivenWithinTheRange() {
        SensorTypeInfo gpio = SensorTypeInfo.builder("gpio").calibration(CalibrationParam.debounceMs(50),
                CalibrationParam.builder("ratio").range(0, 1).defaultValue(0.5).step(0.1).build()).build();
        Map<String, Object> out = SensorSection.validate(Map.of("type", "gpio",
                "calibration", Map.of("debounce_ms", 15, "ratio", 0.55)), gpio);
        assertEquals(Map.of("debounce_ms", 15L, "ratio", 0.55), out.get("calibration"), "neither rounded nor refused");
        assertThrows(InvalidSettingsException.class, () -> SensorSection.validate(Map.of("type", "gpio",
                "calibration", Map.of("debounce_ms", 15.5)), gpio), "a whole step takes only whole numbers");
    }

    @Test
    void debounceIsACalibrationKeyOnlyForATypeThatDeclaresIt() {
        assertThrows(InvalidSettingsException.class, () -> SensorSection.validate(Map.of("type", "pir",
                "calibration", Map.of("debounce_ms", 10)), PIR));
        assertEquals(Map.of("sensitivity", 7L, "ratio", 0.5),
                SensorSection.validate(Map.of("type", "pir"), PIR).get("calibration"), "every key of the schema, no other");
    }
}
