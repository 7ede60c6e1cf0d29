package org.securitycam.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.securitycam.api.settings.InvalidSettingsException;

/** The camera image sections: their defaults, and types checked without coercion. */
class CameraImageSectionsTest {
    private final CameraImageSections sections = new CameraImageSections();

    private String refused(String section, Object value) {
        return assertThrows(InvalidSettingsException.class, () -> sections.validate(section, value)).getMessage();
    }

    @Test
    void defaults() {
        assertEquals(0, sections.defaults("RotationAngle"));
        assertEquals("none", sections.defaults("RotationMode"));
        assertEquals(1280, sections.defaults("StreamWidth"));
        assertEquals(720, sections.defaults("StreamHeight"));
        assertEquals(15, sections.defaults("StreamFPS"));
        assertEquals(Map.of(), sections.defaults("ISP"));
        assertEquals(false, sections.defaults("NightVision"));
        assertEquals(false, sections.defaults("ScanLines"));
    }

    @Test
    void validValuesAreStoredAsGiven() {
        assertEquals(270, sections.validate("RotationAngle", 270));
        assertEquals(1920L, sections.validate("StreamWidth", 1920L));
        assertEquals("flip", sections.validate("RotationMode", "flip"));
        assertEquals(Map.of("awb", "auto"), sections.validate("ISP", Map.of("awb", "auto")));
        assertEquals(true, sections.validate("NightVision", true));
    }

    @Test
    void wrongValuesAreRefusedNamingTheRule() {
        assertEquals("must be 0, 90, 180 or 270", refused("RotationAngle", 45));
        assertEquals("RotationAngle must be an integer from 0 to 270", refused("RotationAngle", 90.0));
        assertEquals("RotationAngle must be an integer from 0 to 270", refused("RotationAngle", 360));
        assertEquals("StreamWidth must be an integer from 160 to 4096", refused("StreamWidth", 100));
        assertEquals("StreamHeight must be an integer from 120 to 4096", refused("StreamHeight", "720"));
        assertEquals("StreamFPS must be an integer from 1 to 60", refused("StreamFPS", 61));
        assertEquals("RotationMode must be a string", refused("RotationMode", 1));
        assertEquals("ISP must be a JSON object", refused("ISP", "auto"));
        assertEquals("ScanLines must be true or false", refused("ScanLines", "yes"));
    }
}
