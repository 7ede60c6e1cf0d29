package org.securitycam.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FlatFormTest {
    private static Map<String, Object> sensor() {
        Map<String, Object> calibration = new LinkedHashMap<>();
        calibration.put("sensitivity", 7L);
        calibration.put("ratio", 0.5);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "pir");
        s.put("gpio", 17L);
        s.put("hold_seconds", 10L);
        s.put("calibration", calibration);
        s.put("secret", "x");
        return s;
    }

    @Test
    void oneObjectSectionIsItsFieldsWithNestedPathsAndNoSecrets() {
        FlatForm form = new FlatForm(List.of("Sensor"), Set.of("Sensor.secret"));
        Map<String, Object> props = form.flatten(Map.of("Sensor", sensor()));
        assertEquals(List.of("type", "gpio", "hold_seconds", "calibration.sensitivity", "calibration.ratio"),
                List.copyOf(props.keySet()));
        assertEquals(7L, props.get("calibration.sensitivity"));
        assertEquals(0.5, props.get("calibration.ratio"));
    }

    @Test
    void severalSectionsArePrefixedAndListsAreArraysOrJsonText() {
        FlatForm form = new FlatForm(List.of("RotationAngle", "ISP", "Devices", "Names"), Set.of());
        Map<String, Object> values = new HashMap<>();
        values.put("RotationAngle", 90);
        values.put("ISP", Map.of("contrast", 1.5));
        values.put("Devices", List.of(Map.of("mac", "aa")));
        values.put("Names", List.of("a", "b"));
        Map<String, Object> props = form.flatten(values);
        assertEquals(90L, props.get("RotationAngle"));
        assertEquals(1.5, props.get("ISP.contrast"));
        assertEquals("[{\"mac\":\"aa\"}]", props.get("Devices"));
        assertArrayEquals(new String[] { "a", "b" }, (String[]) props.get("Names"));

        Map<String, Object> after = new HashMap<>(props);
        after.put("Devices", "[{\"mac\":\"bb\"}]");
        after.put("Names", new String[] { "c" });
        after.put("ISP.contrast", 2.0f);
        Map<String, Object> changed = form.apply(values, props, after, Set.of());
        assertEquals(List.of(Map.of("mac", "bb")), changed.get("Devices"));
        assertEquals(List.of("c"), changed.get("Names"));
        assertEquals(Map.of("contrast", 2.0), changed.get("ISP"));
        assertFalse(changed.containsKey("RotationAngle"), "unchanged");
    }

    /** An empty list could hold anything: it is JSON text, which the console's text field sends back filled. */
    @Test
    void anEmptyListIsJsonTextAndComesBackAsTheListTyped() {
        FlatForm form = new FlatForm(List.of("Devices", "Names"), Set.of());
        Map<String, Object> values = Map.of("Devices", List.of(), "Names", List.of());
        Map<String, Object> props = form.flatten(values);
        assertEquals("[]", props.get("Devices"));
        Map<String, Object> after = new HashMap<>(props);
        after.put("Devices", "[{\"mac\":\"aa\"}]");
        after.put("Names", new String[] { "c" });
        Map<String, Object> changed = form.apply(values, props, after, Set.of());
        assertEquals(List.of(Map.of("mac", "aa")), changed.get("Devices"));
        assertEquals(List.of("c"), changed.get("Names"));
    }

    @Test
    void anEditIsWhatDiffersFromTheMirrorAppliedToWhatIsStoredNow() {
        FlatForm form = new FlatForm(List.of("Sensor"), Set.of("Sensor.secret"));
        Map<String, Object> stored = sensor();
        Map<String, Object> mirrored = form.flatten(Map.of("Sensor", stored));
        Map<String, Object> now = new LinkedHashMap<>(sensor());
        now.put("hold_seconds", 3L); // changed through REST after the console loaded its form

        Map<String, Object> edit = new HashMap<>(mirrored);
        edit.put("calibration.sensitivity", 3); // an Integer, as the console sends it
        edit.put("gpio", 17); // the same pin as an Integer: no change
        edit.put("secret", "planted");
        edit.put("unknown", "x");
        now.put("invert_logic", null);
        edit.put("invert_logic", true); // a field that is null, so was never mirrored
        @SuppressWarnings("unchecked")
        Map<String, Object> proposal = (Map<String, Object>) form
                .apply(Map.of("Sensor", now), mirrored, edit, Set.of()).get("Sensor");
        assertEquals(3L, proposal.get("hold_seconds"), "the REST change is kept");
        assertEquals(3L, ((Map<?, ?>) proposal.get("calibration")).get("sensitivity"));
        assertEquals("x", proposal.get("secret"), "a secret is never taken from the console");
        assertFalse(proposal.containsKey("unknown"));
        assertEquals(true, proposal.get("invert_logic"));

        assertTrue(form.apply(Map.of("Sensor", stored), mirrored, new HashMap<>(mirrored), Set.of("secret"))
                .isEmpty(), "the echo of a mirror is no edit");
    }

    @Test
    void aSecretOfferedAsAPasswordFieldIsWriteOnly() {
        FlatForm form = new FlatForm(List.of("MQTT"), Set.of("MQTT.password"));
        Map<String, Object> stored = new LinkedHashMap<>(Map.of("host", "broker", "password", "old"));
        Map<String, Object> mirrored = form.flatten(Map.of("MQTT", stored));
        assertFalse(mirrored.containsKey("password"), "a secret is never mirrored");

        Map<String, Object> typed = new HashMap<>(mirrored);
        typed.put("password", "new-one");
        assertEquals(Map.of("MQTT", Map.of("host", "broker", "password", "new-one")),
                form.apply(Map.of("MQTT", stored), mirrored, typed, Set.of("password")));
        assertTrue(form.apply(Map.of("MQTT", stored), mirrored, typed, Set.of()).isEmpty(),
                "a secret that the form offers as no password field is never taken");

        Map<String, Object> empty = new HashMap<>(mirrored);
        empty.put("password", "");
        assertTrue(form.apply(Map.of("MQTT", stored), mirrored, empty, Set.of("password")).isEmpty(),
                "an empty password field keeps the stored secret");

        FlatForm two = new FlatForm(List.of("A", "B"), Set.of("B.key"));
        Map<String, Object> values = Map.of("A", Map.of("key", "a"), "B", Map.of("key", "b"));
        Map<String, Object> flat = two.flatten(values);
        Map<String, Object> edit = new HashMap<>(flat);
        edit.put("B.key", "typed");
        edit.put("A.key", "typed too");
        assertEquals(Map.of("A", Map.of("key", "typed too"), "B", Map.of("key", "typed")),
                two.apply(values, flat, edit, Set.of("B.key")));
    }

    @Test
    void whatAnEditLeftAloneYieldsToTheDefaults() {
        Map<String, Object> current = Map.of("Sensor", sensor());
        Map<String, Object> proposal = new LinkedHashMap<>(sensor());
        proposal.put("type", "reed_switch");
        Map<String, Object> retry = FlatForm.withoutUntouched(Map.of("Sensor", proposal), current);
        assertFalse(((Map<?, ?>) retry.get("Sensor")).containsKey("calibration"));
        assertEquals("reed_switch", ((Map<?, ?>) retry.get("Sensor")).get("type"));
        Map<String, Object> touched = new LinkedHashMap<>(sensor());
        touched.put("calibration", Map.of("sensitivity", 2L, "ratio", 0.5));
        assertNull(FlatForm.withoutUntouched(Map.of("Sensor", touched), current));
    }
}
