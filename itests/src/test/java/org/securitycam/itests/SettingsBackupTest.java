package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A backup: exported without secrets, imported on a fresh device whole or not at all. */
class SettingsBackupTest {
    @TempDir
    Path dir;

    @Test
    void aBackupRestoresOnAFreshDeviceWithoutItsSecrets() throws Exception {
        JsonNode original;
        String backup;
        try (Device a = Device.start(dir.resolve("a"))) {
            assertEquals(200, a.post("/sensor/configure", "{\"type\":\"pir\",\"gpio\":5,\"enabled\":false,"
                    + "\"hold_seconds\":4,\"calibration\":{\"sensitivity\":3}}").statusCode());
            assertEquals(200, a.post("/settings", "{\"RotationAngle\":90,\"ISP\":{\"contrast\":1.5},"
                    + "\"VideoSaveLocation\":\"" + dir.resolve("videos") + "\",\"dashboard\":{\"theme\":\"dark\"},"
                    + "\"Timelapse\":{\"future\":[1,2]}}").statusCode());
            original = a.getJson("/settings");

            HttpResponse<String> r = a.get("/settings/export");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("attachment; filename=\"settings-backup.json\"",
                    r.headers().firstValue("Content-Disposition").orElse(""));
            backup = r.body();
            JsonNode stored = Device.JSON.readTree(a.home.resolve("settings/settings.json").toFile()).get("Auth");
            assertFalse(backup.contains("password_hash") || backup.contains(stored.get("password_hash").asText()),
                    backup);
            assertFalse(backup.contains("\"token\"") || backup.contains(a.token()), backup);

            r = a.post("/settings/import", backup);
            assertEquals(200, r.statusCode(), "a backup of this device imports on it: " + r.body());
        }

        try (Device b = Device.start(dir.resolve("b"))) {
            String token = b.token();
            ObjectNode withExtras = (ObjectNode) Device.JSON.readTree(backup);
            withExtras.put("added_by_a_later_dashboard", "kept");
            HttpResponse<String> r = b.post("/settings/import", withExtras.toString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("Settings imported", b.json(r).get("message").asText());

            ObjectNode restored = (ObjectNode) b.getJson("/settings");
            assertEquals("kept", restored.remove("added_by_a_later_dashboard").asText());
            assertEquals(token, restored.get("Auth").get("token").asText(), "the import left the token alone");
            ((ObjectNode) restored.get("Auth")).remove("token");
            ((ObjectNode) original.get("Auth")).remove("token");
            assertEquals(original, restored);
            assertEquals(200, b.get("/sensor/status").statusCode());
            assertEquals(3, b.getJson("/sensor/status").get("config").get("calibration").get("sensitivity").asInt());
        }
    }

    @Test
    void aMalformedBackupChangesNothingAndNamesEachRefusedSection() throws Exception {
        try (Device d = Device.start(dir.resolve("home"))) {
            Path file = d.home.resolve("settings/settings.json");
            byte[] before = Files.readAllBytes(file);
            String settings = d.getJson("/settings").toString();

            HttpResponse<String> r = d.post("/settings/import", "{\"Sensor\":{\"type\":\"pir\",\"gpio\":99},"
                    + "\"RotationAngle\":45,\"StreamFPS\":15,\"Timelapse\":{\"x\":1}}");
            assertEquals(400, r.statusCode(), r.body());
            String error = d.json(r).get("error").asText();
            assertTrue(error.contains("Sensor: gpio must be an integer from 0 to 27"), error);
            assertTrue(error.contains("RotationAngle: must be 0, 90, 180 or 270"), error);
            assertFalse(error.contains("StreamFPS") || error.contains("Timelapse"), error);
            assertArrayEquals(before, Files.readAllBytes(file));
            assertEquals(settings, d.getJson("/settings").toString());

            assertEquals(400, d.post("/settings/import", "[1,2]").statusCode());
            assertEquals(400, d.post("/settings/import", "{\"Sensor\":7}").statusCode());
            r = d.post("/settings/import", "{\"pad\":\"" + "x".repeat(256 * 1024) + "\"}");
            assertEquals(413, r.statusCode(), r.body());
            assertTrue(d.json(r).has("error"), r.body());
            assertArrayEquals(before, Files.readAllBytes(file));
        }
    }

    @Test
    void anImportNeverTouchesThePasswordTheTokenOrAuth() throws Exception {
        try (Device d = Device.start(dir.resolve("home"))) {
            JsonNode auth = Device.JSON.readTree(d.home.resolve("settings/settings.json").toFile()).get("Auth");
            HttpResponse<String> r = d.post("/settings/import",
                    "{\"Auth\":{\"enabled\":false,\"token\":\"planted\",\"password_hash\":\"x\"},\"RotationAngle\":180}");
            assertEquals(200, r.statusCode(), r.body());
            JsonNode after = Device.JSON.readTree(d.home.resolve("settings/settings.json").toFile());
            assertEquals(auth, after.get("Auth"));
            assertEquals(180, after.get("RotationAngle").asInt());
            assertEquals(401, d.sendAnonymous(java.net.http.HttpRequest.newBuilder(d.uri("/sensor/status")))
                    .statusCode(), "auth is still on");
        }
    }
}
