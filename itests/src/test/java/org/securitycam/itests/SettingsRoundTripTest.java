package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a dashboard does: it loads {@code GET /settings}, changes a field or none, and posts the whole object
 * back. Every section it loaded is accepted back unchanged, and in {@code Auth} only {@code enabled} is taken.
 */
class SettingsRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void whatGetReturnedIsAcceptedBackWholeAndSectionBySection() throws Exception {
        try (Device d = Device.start(dir.resolve("home"))) {
            assertEquals(200, d.post("/settings", "{\"Sensor\":{\"type\":\"mock\",\"hold_seconds\":4},"
                    + "\"ISP\":{\"contrast\":1.5},\"RotationAngle\":90,\"dashboard\":{\"theme\":\"dark\"}}")
                    .statusCode());
            JsonNode loaded = d.getJson("/settings");
            JsonNode auth = storedAuth(d);

            HttpResponse<String> r = d.post("/settings", loaded.toString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("Settings updated", d.json(r).get("message").asText());
            assertFalse(d.json(r).has("token"), "auth stayed on, so no new token: " + r.body());
            assertEquals(loaded, d.getJson("/settings"));

            for (Iterator<Map.Entry<String, JsonNode>> it = loaded.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> section = it.next();
                ObjectNode body = Device.JSON.createObjectNode().set(section.getKey(), section.getValue());
                r = d.post("/settings", body.toString());
                assertEquals(200, r.statusCode(), section.getKey() + ": " + r.body());
            }
            assertEquals(loaded, d.getJson("/settings"));
            assertEquals(auth, storedAuth(d), "the token and the hash are as they were");
            assertEquals(200, d.get("/sensor/status").statusCode(), "the token still works");
        }
    }

    @Test
    void aPlantedTokenAndHashAreIgnoredWhileAuthComesOnWithAFreshToken() throws Exception {
        try (Device d = Device.start(dir.resolve("home"))) {
            String hash = storedAuth(d).get("password_hash").asText();
            assertEquals(200, d.post("/settings", "{\"Auth\":{\"enabled\":false}}").statusCode());

            HttpResponse<String> r = d.sendAnonymous(HttpRequest.newBuilder(d.uri("/settings"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"Auth\":{\"enabled\":true,\"token\":\"attacker-chosen\",\"password_hash\":\"x\"}}")));
            assertEquals(200, r.statusCode(), r.body());
            String issued = d.json(r).get("token").asText();
            assertNotEquals("attacker-chosen", issued);
            assertTrue(issued.length() >= 43, "32 random bytes, URL-safe: " + issued);

            assertEquals(401, d.sendAnonymous(HttpRequest.newBuilder(d.uri("/sensor/status"))
                    .header("Authorization", "Bearer attacker-chosen")).statusCode(), "the planted token is refused");
            assertEquals(401, d.sendAnonymous(HttpRequest.newBuilder(d.uri("/sensor/status"))).statusCode(),
                    "auth is on");
            d.useToken(issued);
            assertEquals(200, d.get("/sensor/status").statusCode());
            JsonNode auth = storedAuth(d);
            assertEquals(issued, auth.get("token").asText());
            assertEquals(hash, auth.get("password_hash").asText(), "the planted hash was never stored");
            assertEquals(3, auth.size(), "enabled, password_hash and token, nothing else: " + auth);
        }
    }

    /** The sensor's defaults as a client sees them: the type's pin for a null one, integers as integers. */
    @Test
    void aNullPinStoresAndShowsTheTypesDefaultAndIntegersStayIntegers() throws Exception {
        try (Device d = Device.start(dir.resolve("home"))) {
            HttpResponse<String> r = d.post("/sensor/configure", "{\"type\":\"pir\",\"gpio\":null,\"enabled\":false}");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(17, d.json(r).get("config").get("gpio").intValue());
            assertEquals(17, d.getJson("/settings").get("Sensor").get("gpio").intValue());
            assertEquals(17, Device.JSON.readTree(d.home.resolve("settings/settings.json").toFile()).get("Sensor")
                    .get("gpio").intValue(), "stored, not only shown");
            assertEquals(200, d.post("/sensor/configure", "{\"type\":\"pir\",\"enabled\":false}").statusCode());
            JsonNode status = d.getJson("/sensor/status");
            assertEquals(17, status.get("config").get("gpio").intValue(), "a missing pin too");
            assertTrue(status.get("hold_seconds").isIntegralNumber(), status.toString());
            assertEquals(10, status.get("hold_seconds").intValue());
            assertTrue(status.get("config").get("hold_seconds").isIntegralNumber(), status.toString());
            for (JsonNode type : d.getJson("/sensor/types")) {
                for (JsonNode p : type.get("calibration")) {
                    for (String field : new String[] { "min", "max", "step", "default" }) {
                        double v = p.get(field).asDouble();
                        assertEquals(v == Math.rint(v), p.get(field).isIntegralNumber(), type.get("type") + " " + p);
                    }
                }
            }
        }
    }

    private static JsonNode storedAuth(Device d) throws Exception {
        return Device.JSON.readTree(d.home.resolve("settings/settings.json").toFile()).get("Auth");
    }
}
