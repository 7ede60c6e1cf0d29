package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** Spec §8 over HTTP: defaults, partial merges, validation, unknown keys, persistence and a corrupt file. */
class SettingsApiTest {
    @TempDir
    Path dir;

    @Test
    void settingsPersistAcrossARestartAndKeepUnknownKeys() throws Exception {
        try (Device device = Device.start(dir.resolve("home"))) {
            JsonNode all = device.getJson("/settings");
            for (String section : new String[] { "Sensor", "StorageLimit", "CaptivePortal", "Timelapse", "Auth",
                    "TARGET_BT_ADDRESSES", "TARGET_AP_MAC_ADDRESSES", "VideoSaveLocation" }) {
                assertTrue(all.has(section), "defaults lack " + section);
            }
            assertEquals(85, all.get("StorageLimit").get("max_percent").asInt());
            assertTrue(all.get("VideoSaveLocation").asText().endsWith("recordings"));

            HttpResponse<String> r = device.post("/settings",
                    "{\"StorageLimit\":{\"max_percent\":70},\"Timelapse\":{\"resolution\":\"640x480\"},"
                            + "\"dashboard\":{\"theme\":\"dark\"},\"Sensor\":{\"hold_seconds\":3}}");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("Settings updated", device.json(r).get("message").asText());
            assertEquals(3, device.getJson("/sensor/status").get("hold_seconds").asInt());

            device.restart();
            all = device.getJson("/settings");
            assertEquals(70, all.get("StorageLimit").get("max_percent").asInt());
            assertEquals(false, all.get("StorageLimit").get("enabled").asBoolean(), "merged, not replaced");
            assertEquals("640:480", all.get("Timelapse").get("resolution").asText());
            assertEquals("dark", all.get("dashboard").get("theme").asText());
            assertEquals(3, all.get("Sensor").get("hold_seconds").asInt());
            assertEquals(3, device.getJson("/sensor/status").get("hold_seconds").asInt());
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
