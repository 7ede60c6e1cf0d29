package org.securitycam.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.securitycam.api.settings.InvalidSettingsException;

/** Every rule of the StorageLimit section, with the message a client sees. */
class StorageLimitTest {
    private static final String PERCENT = "max_percent must be an integer from 10 to 95";
    private static final String DAYS = "max_days must be an integer from 0 to 3650";
    private static final String ENABLED = "enabled must be true or false";

    private static String refusal(Object proposed) {
        return assertThrows(InvalidSettingsException.class, () -> StorageLimit.validate(proposed)).getMessage();
    }

    private static Map<String, Object> one(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }

    @Test
    void theDefaultsAreOffAt85PercentWithoutAgeLimit() {
        assertEquals(Map.of("enabled", false, "max_percent", 85, "max_days", 0), StorageLimit.DEFAULTS.toMap());
        assertEquals(StorageLimit.DEFAULTS, StorageLimit.validate(Map.of()));
        assertEquals(StorageLimit.DEFAULTS.toMap(), new StorageLimitSection().defaults(StorageLimit.SECTION));
    }

    @Test
    void validValuesAreKeptAndMissingOnesDefaulted() {
        assertEquals(new StorageLimit(true, 85, 0), StorageLimit.validate(Map.of("enabled", true)));
        assertEquals(new StorageLimit(false, 10, 3650),
                StorageLimit.validate(Map.of("max_percent", 10, "max_days", 3650)));
        assertEquals(new StorageLimit(false, 95, 0), StorageLimit.validate(Map.of("max_percent", 95L)));
        assertEquals(new StorageLimit(false, 50, 7), StorageLimit.validate(Map.of("max_percent", BigInteger.valueOf(50),
                "max_days", (short) 7)));
        assertEquals(Map.of("enabled", true, "max_percent", 70, "max_days", 30),
                new StorageLimitSection().validate(StorageLimit.SECTION, Map.of("enabled", true, "max_percent", 70,
                        "max_days", 30)));
    }

    @Test
    void maxPercentIsAnIntegerFrom10To95AndNeverClamped() {
        for (Object bad : List.of(50.5, 85.0, "85", 9, 96, -1, 0, true, Long.MAX_VALUE,
                new BigInteger("100000000000000000000"), List.of(85), Map.of())) {
            assertEquals(PERCENT, refusal(one("max_percent", bad)), String.valueOf(bad));
        }
        assertEquals(PERCENT, refusal(one("max_percent", null)));
    }

    @Test
    void maxDaysIsAnIntegerFrom0To3650() {
        for (Object bad : List.of(-1, 3651, 1.5, "7", false)) {
            assertEquals(DAYS, refusal(one("max_days", bad)), String.valueOf(bad));
        }
    }

    @Test
    void enabledIsABoolean() {
        for (Object bad : List.of("true", 1, 0, "yes", List.of())) {
            assertEquals(ENABLED, refusal(one("enabled", bad)), String.valueOf(bad));
        }
        assertEquals(ENABLED, refusal(one("enabled", null)));
    }

    @Test
    void unknownFieldsAreNamed() {
        assertEquals("Unknown field: max_size (known: enabled, max_percent, max_days)",
                refusal(Map.of("enabled", true, "max_size", 3)));
        Map<String, Object> two = new LinkedHashMap<>();
        two.put("threshold", 80);
        two.put("days", 3);
        assertEquals("Unknown fields: threshold, days (known: enabled, max_percent, max_days)", refusal(two));
    }

    @Test
    void theSectionIsAnObject() {
        for (Object bad : List.of(85, "on", List.of(), true)) {
            assertEquals("must be a JSON object", refusal(bad));
        }
    }
}
