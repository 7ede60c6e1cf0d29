package org.securitycam.timelapse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.securitycam.api.settings.InvalidSettingsException;

class TimelapseSettingsTest {
    private static final TimelapseSection OWNER = new TimelapseSection();

    @Test
    void defaults() {
        assertEquals(Map.of("enabled", false, "interval_minutes", 5, "fps", 24, "resolution", "640:480"),
                OWNER.defaults("Timelapse"));
    }

    @Test
    void aPartialSectionTakesTheDefaultsAndTheLegacySpellingIsStoredNormalised() {
        assertEquals(Map.of("enabled", true, "interval_minutes", 5, "fps", 24, "resolution", "640:480"),
                OWNER.validate("Timelapse", Map.of("enabled", true, "resolution", "640x480")));
        assertEquals(Map.of("enabled", false, "interval_minutes", 60, "fps", 1, "resolution", "original"),
                OWNER.validate("Timelapse", Map.of("interval_minutes", 60, "fps", 1, "resolution", "original")));
        assertEquals("320:240", OWNER.validate("Timelapse", Map.of("resolution", "320:240")).toString()
                .replaceAll(".*resolution=([^,}]*).*", "$1"));
        assertEquals(7, ((Map<?, ?>) OWNER.validate("Timelapse", Map.of("fps", BigInteger.valueOf(7)))).get("fps"));
    }

    @Test
    void everyRuleHasItsMessage() {
        refused(Map.of("enabled", "yes"), "enabled must be true or false");
        refused(Map.of("enabled", 1), "enabled must be true or false");
        for (Object bad : new Object[] { 0, 61, 5.0, 4.5, "5", true, -1 }) {
            refused(Map.of("interval_minutes", bad), "interval_minutes must be an integer from 1 to 60");
            refused(Map.of("fps", bad), "fps must be an integer from 1 to 60");
        }
        for (Object bad : new Object[] { "1920:1080", "320x240", "640X480", "", 640, "ORIGINAL" }) {
            refused(Map.of("resolution", bad), "resolution must be one of original, 640:480, 320:240");
        }
        refused(Map.of("intervall", 5), "Unknown field: intervall (known: enabled, interval_minutes, fps, resolution)");
        Map<String, Object> nulls = new LinkedHashMap<>();
        nulls.put("fps", null);
        refused(nulls, "fps must be an integer from 1 to 60");
        assertEquals("must be a JSON object",
                assertThrows(InvalidSettingsException.class, () -> OWNER.validate("Timelapse", "on")).getMessage());
    }

    @Test
    void aConfigureKeepsWhatItDoesNotName() {
        TimelapseSettings base = new TimelapseSettings(true, 7, 30, "320:240");
        assertEquals(new TimelapseSettings(true, 2, 30, "320:240"),
                TimelapseSettings.validate(Map.of("interval_minutes", 2), base));
    }

    /** What an edited file holds is used where it keeps the rules; the rest takes the defaults. */
    @Test
    void aBrokenStoredSectionIsReadFieldByField() {
        assertEquals(new TimelapseSettings(false, 5, 12, "640:480"), TimelapseSettings.lenient(
                Map.of("enabled", "sometimes", "interval_minutes", 999, "fps", 12, "future_field", 1)));
        assertEquals(TimelapseSettings.DEFAULTS, TimelapseSettings.lenient("garbage"));
        assertEquals(TimelapseSettings.DEFAULTS, TimelapseSettings.lenient(null));
    }

    @Test
    void sizes() {
        assertEquals(0, new TimelapseSettings(true, 1, 1, "original").width());
        assertEquals(640, new TimelapseSettings(true, 1, 1, "640:480").width());
        assertEquals(240, new TimelapseSettings(true, 1, 1, "320:240").height());
    }

    private static void refused(Map<String, Object> proposed, String message) {
        assertEquals(message,
                assertThrows(InvalidSettingsException.class, () -> OWNER.validate("Timelapse", proposed)).getMessage(),
                proposed.toString());
    }
}
