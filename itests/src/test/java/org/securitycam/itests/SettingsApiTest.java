package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** Settings over HTTP: owners' defaults, partial merges, unowned and unknown keys, persistence and a corrupt file. */
class SettingsApiTest {
    @TempDir
    Path dir;

    @Test
    void settingsPersistAcrossARestartAndKeepUnknownKeys() throws Exception {
        try (Device device = Device.start(dir.resolve("home"))) {
            JsonNode all = device.getJson("/settings");
            for (String owned : new String[] { "Sensor", "Auth", "VideoSaveLocation", "RotationAngle",
                    "TARGET_BT_ADDRESSES", "TARGET_AP_MAC_ADDRESSES", "StorageLimit", "CaptivePortal", "Timelapse" }) {
                assertTrue(all.has(owned), "the defaults lack " + owned);
            }
            assertTrue(all.get("VideoSaveLocation").asText().endsWith("recordings"));
            assertFalse(all.has("Doorbell"), "a section without an owner has no defaults: " + all);

            HttpResponse<String> r = device.post("/settings",
                    "{\"StorageLimit\":{\"max_percent\":70},\"dashboard\":{\"theme\":\"dark\"},"
                            + "\"Sensor\":{\"hold_seconds\":3}}");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("Settings updated", device.json(r).get("message").asText());
            assertEquals(3, device.getJson("/sensor/status").get("hold_seconds").asInt());
            assertEquals(200, device.post("/settings", "{\"StorageLimit\":{\"enabled\":true}}").statusCode());

            device.restart();
            all = device.getJson("/settings");
            assertEquals(70, all.get("StorageLimit").get("max_percent").asInt());
            assertEquals(true, all.get("StorageLimit").get("enabled").asBoolean(), "merged, not replaced");
            assertEquals("dark", all.get("dashboard").get("theme").asText());
            assertEquals(3, all.get("Sensor").get("hold_seconds").asInt());
            assertEquals(3, device.getJson("/sensor/status").get("hold_seconds").asInt());
        }
    }

    /** Until the bundle of a feature is installed, its section is kept and shown exactly as it was stored. */
    @Test
    void aSectionWithoutAnOwnerIsKeptExactlyAsStored() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("settings"));
        String doorbell = "{\"enabled\":\"sometimes\",\"interval_minutes\":999,\"future_field\":[1,2.5,null]}";
        Files.writeString(home.resolve("settings/settings.json"), "{\"Doorbell\": " + doorbell + "}");
        try (Device device = Device.start(home)) {
            assertEquals(Device.JSON.readTree(doorbell), device.getJson("/settings").get("Doorbell"));
            assertEquals(200, device.post("/settings", "{\"Floodlight\":{\"enabled\":7}}").statusCode());
            assertEquals(Device.JSON.readTree(doorbell), device.getJson("/settings").get("Doorbell"));
            assertEquals(7, device.getJson("/settings").get("Floodlight").get("enabled").asInt());
            assertEquals(Device.JSON.readTree(doorbell),
                    Device.JSON.readTree(home.resolve("settings/settings.json").toFile()).get("Doorbell"));
        }
    }

    @Test
    void aCorruptFileIsSetAsideAndTheDefaultsServe() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("settings"));
        Files.writeString(home.resolve("settings/settings.json"), "{\"Sensor\": {\"type\": \"mo");
        try (Device device = Device.start(home)) {
            assertEquals("mock", device.getJson("/settings").get("Sensor").get("type").asText());
            try (Stream<Path> files = Files.list(home.resolve("settings"))) {
                assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("settings.json.corrupt-")));
            }
            assertTrue(device.log().lines().anyMatch(l -> l.contains("[ERROR]") && l.contains("corrupt")),
                    device.log());
        }
    }
}
