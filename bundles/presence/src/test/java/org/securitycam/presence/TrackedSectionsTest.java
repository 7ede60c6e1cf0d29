package org.securitycam.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.securitycam.api.settings.InvalidSettingsException;

class TrackedSectionsTest {
    private final TrackedSections rules = new TrackedSections();

    @Test
    void addressesAreStoredUpperCaseAndEachOnce() {
        Object stored = rules.validate(TrackedSections.BLUETOOTH, List.of(
                Map.of("address", "aa:bb:cc:dd:ee:ff", "name", "Phone"),
                Map.of("address", "AA:BB:CC:DD:EE:FF", "name", "Again"),
                Map.of("address", "11:22:33:44:55:66")));
        assertEquals(List.of(Map.of("address", "AA:BB:CC:DD:EE:FF", "name", "Phone"),
                Map.of("address", "11:22:33:44:55:66")), stored);
    }

    @Test
    void malformedListsAreRefusedNamingTheEntry() {
        for (Object bad : List.of("AA:BB:CC:DD:EE:FF", Map.of(), List.of("AA:BB:CC:DD:EE:FF"),
                List.of(Map.of("address", "AA:BB:CC:DD:EE")), List.of(Map.of("address", "AA-BB-CC-DD-EE-FF")),
                List.of(Map.of("address", "GG:BB:CC:DD:EE:FF")), List.of(Map.of("address", 5)),
                List.of(Map.of("name", "no address")), List.of(Map.of("address", "AA:BB:CC:DD:EE:FF", "name", 3)),
                List.of(Map.of("address", "AA:BB:CC:DD:EE:FF", "colour", "red")))) {
            InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                    () -> rules.validate(TrackedSections.WIFI, bad), "refused: " + bad);
            assertTrue(e.getMessage().startsWith(TrackedSections.WIFI), e.getMessage());
        }
    }

    @Test
    void theDefaultIsAnEmptyListAndAHandEditedFileReadsLeniently() {
        assertEquals(List.of(), rules.defaults(TrackedSections.BLUETOOTH));
        assertEquals(1, TrackedSections.devices(List.of(Map.of("address", "aa:bb:cc:dd:ee:ff"), "junk",
                Map.of("address", "AA:BB:CC:DD:EE:FF"))).size());
        assertEquals(List.of(), TrackedSections.devices("not a list"));
    }
}
