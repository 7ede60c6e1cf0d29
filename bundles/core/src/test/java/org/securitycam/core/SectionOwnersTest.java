package org.securitycam.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SectionOwner;

class SectionOwnersTest {
    /** An owner whose verdict says who gave it, so a test sees which owner ruled. */
    private record Named(String name) implements SectionOwner {
        @Override
        public Object defaults(String section) {
            return name + " default";
        }

        @Override
        public Object validate(String section, Object proposed) {
            if ("bad".equals(proposed)) {
                throw new InvalidSettingsException("is bad");
            }
            return name + ":" + proposed;
        }
    }

    private final AtomicInteger gets = new AtomicInteger();
    private final AtomicInteger ungets = new AtomicInteger();

    private SectionOwners.Claim claim(String key, String bundle, String... sections) {
        return new SectionOwners.Claim(key, bundle, List.of(sections), List.of(), () -> {
            gets.incrementAndGet();
            return new Named(bundle);
        }, ungets::incrementAndGet);
    }

    @Test
    void theFirstOwnerKeepsASectionAndASecondTakesOverOnlyWhenItLeaves() {
        SectionOwners owners = new SectionOwners();
        owners.add(claim("1", "timelapse", "Timelapse"));
        owners.add(claim("2", "impostor", "Timelapse", "Other"));
        assertEquals("timelapse:x", owners.validate("Timelapse", "x"));
        assertEquals("timelapse default", owners.defaults("Timelapse"));
        assertEquals("impostor:y", owners.validate("Other", "y"), "its other section is still its own");

        owners.remove("1");
        assertEquals("impostor:x", owners.validate("Timelapse", "x"));
        assertEquals(List.of("Timelapse", "Other"), List.copyOf(owners.sections()));
    }

    @Test
    void anUnownedSectionIsKeptAsGivenAndHasNoDefaults() {
        SectionOwners owners = new SectionOwners();
        Object proposed = Map.of("anything", List.of(1, "two"));
        assertEquals(proposed, owners.validate("StorageLimit", proposed));
        assertNull(owners.defaults("StorageLimit"));
        owners.add(claim("1", "storage", "StorageLimit"));
        owners.remove("1");
        assertEquals(proposed, owners.validate("StorageLimit", proposed));
    }

    @Test
    void theServiceIsGotOnFirstUseAndGivenBackWhenItsOwnerLeaves() {
        SectionOwners owners = new SectionOwners();
        owners.add(claim("1", "camera", "RotationAngle", "StreamFPS"));
        assertEquals(0, gets.get(), "an owner may still be activating when it registers");
        owners.validate("RotationAngle", 0);
        owners.defaults("StreamFPS");
        assertEquals(1, gets.get());
        owners.remove("1");
        assertEquals(1, ungets.get());
        owners.remove("1");
        assertEquals(1, ungets.get());
    }

    @Test
    void anOwnersRefusalReachesTheCaller() {
        SectionOwners owners = new SectionOwners();
        owners.add(claim("1", "camera", "RotationAngle"));
        assertThrows(InvalidSettingsException.class, () -> owners.validate("RotationAngle", "bad"));
    }

    @Test
    void theSectionsPropertyIsAStringOrAnArray() {
        assertEquals(List.of("Sensor"), SectionOwners.names("Sensor"));
        assertEquals(List.of("A", "B"), SectionOwners.names(new String[] { "A", "B" }));
        assertEquals(List.of(), SectionOwners.names(null));
    }

    @Test
    void anOwnerDeclaresSecretsOnlyInItsOwnSections() {
        SectionOwners owners = new SectionOwners();
        owners.add(new SectionOwners.Claim("1", "auth", List.of("Auth"), List.of("Auth.token", "Sensor.gpio", "nodot"),
                () -> new Named("auth"), () -> {
                }));
        owners.add(new SectionOwners.Claim("2", "impostor", List.of("Auth"), List.of("Auth.password_hash"),
                () -> new Named("impostor"), () -> {
                }));
        assertEquals(java.util.Set.of("Auth.token"), owners.secrets(), "a refused owner's secrets do not count");
        owners.remove("1");
        assertEquals(java.util.Set.of("Auth.password_hash"), owners.secrets());
    }
}
