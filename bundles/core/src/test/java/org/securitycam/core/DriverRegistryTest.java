package org.securitycam.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.securitycam.api.sensor.SensorTypeInfo;

/** One driver per type id: the first keeps it, a duplicate is refused and waits, and takes over when it leaves. */
class DriverRegistryTest {
    private final DriverRegistry registry = new DriverRegistry();

    private static DriverRegistry.Entry entry(String type, String bundle) {
        return new DriverRegistry.Entry(new Object(), SensorTypeInfo.builder(type).name(bundle).build(), bundle);
    }

    @Test
    void theFirstDriverOfATypeProvidesIt() {
        DriverRegistry.Entry reed = entry("reed_switch", "a 1.0.0");
        assertNull(registry.add(reed));
        assertSame(reed, registry.provider("reed_switch"));
        assertNull(registry.conflict("reed_switch"));
    }

    @Test
    void aSecondDriverWithTheSameTypeIsRefusedAndTheFirstKeepsIt() {
        DriverRegistry.Entry first = entry("tripwire", "com.example.tripwire 1.0.0");
        DriverRegistry.Entry second = entry("tripwire", "com.other.tripwire 2.0.0");
        registry.add(first);
        assertSame(first, registry.add(second), "the refusal names the provider");
        assertSame(first, registry.provider("tripwire"));
        assertEquals(1, registry.types().size(), "one type, listed once");
        assertEquals("com.example.tripwire 1.0.0", registry.types().get(0).name());
        String conflict = registry.conflict("tripwire");
        assertTrue(conflict.contains("com.other.tripwire 2.0.0") && conflict.contains("com.example.tripwire 1.0.0"),
                conflict);
    }

    @Test
    void whenTheProviderLeavesTheFirstRefusedTakesOver() {
        DriverRegistry.Entry first = entry("tripwire", "one");
        DriverRegistry.Entry second = entry("tripwire", "two");
        DriverRegistry.Entry third = entry("tripwire", "three");
        registry.add(first);
        registry.add(second);
        registry.add(third);
        DriverRegistry.Removal r = registry.remove(first.driver());
        assertTrue(r.wasProvider());
        assertSame(second, r.successor());
        assertSame(second, registry.provider("tripwire"));
        assertTrue(registry.conflict("tripwire").contains("three"));
        r = registry.remove(second.driver());
        assertSame(third, r.successor());
        assertNull(registry.conflict("tripwire"));
    }

    @Test
    void aRefusedDriverLeavingChangesNothingForTheProvider() {
        DriverRegistry.Entry first = entry("tripwire", "one");
        DriverRegistry.Entry second = entry("tripwire", "two");
        registry.add(first);
        registry.add(second);
        DriverRegistry.Removal r = registry.remove(second.driver());
        assertFalse(r.wasProvider());
        assertNull(r.successor());
        assertSame(first, registry.provider("tripwire"));
        assertNull(registry.conflict("tripwire"));
    }

    @Test
    void theLastDriverLeavingRemovesTheType() {
        DriverRegistry.Entry only = entry("pir", "p");
        registry.add(only);
        DriverRegistry.Removal r = registry.remove(only.driver());
        assertTrue(r.wasProvider());
        assertNull(r.successor());
        assertNull(registry.provider("pir"));
        assertEquals(List.of(), registry.types());
        assertNull(registry.remove(only.driver()), "unknown the second time");
    }

    @Test
    void typesAreOrderedByTypeId() {
        registry.add(entry("vibration", "v"));
        registry.add(entry("hall_digital", "h"));
        registry.add(entry("mock", "m"));
        assertEquals(List.of("hall_digital", "mock", "vibration"),
                registry.types().stream().map(SensorTypeInfo::type).toList());
    }
}
