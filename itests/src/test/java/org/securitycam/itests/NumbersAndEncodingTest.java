package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Numbers keep their JSON type in every answer and in settings.json; numbers no double holds and keys given twice
 * are refused; JSON comes in UTF-8 only; a same-origin preflight is answered.
 */
class NumbersAndEncodingTest extends OneDeviceTest {
    @Test
    void integersStayIntegersAndFractionsFractions() throws Exception {
        JsonNode status = device.getJson("/sensor/status");
        assertTrue(status.get("hold_seconds").isIntegralNumber(), status.toString());
        assertTrue(status.get("config").get("hold_seconds").isIntegralNumber(), status.toString());
        for (JsonNode type : device.getJson("/sensor/types")) {
            for (JsonNode p : type.get("calibration")) {
                for (String f : new String[] { "min", "max", "default", "step" }) {
                    JsonNode n = p.get(f);
                    assertEquals(n.asDouble() == Math.rint(n.asDouble()), n.isIntegralNumber(), type.get("type") + " " + p);
                }
            }
        }
        assertEquals(200, device.post("/settings", "{\"pref_fraction\":5.0,\"pref_integer\":5,\"pref_half\":0.5}").statusCode());
        JsonNode settings = device.getJson("/settings");
        assertTrue(settings.get("pref_fraction").isFloatingPointNumber());
        assertTrue(settings.get("pref_integer").isIntegralNumber());
        assertEquals(0.5, settings.get("pref_half").asDouble());
        String file = Files.readString(device.home.resolve("settings/settings.json"));
        assertTrue(file.contains("\"pref_fraction\" : 5.0") && file.contains("\"pref_integer\" : 5,"), file);
    }

    @Test
    void numbersNoDoubleHoldsAreRefused() throws Exception {
        String before = device.get("/settings").body();
        for (String body : new String[] { "{\"pref_big\":1e309}", "{\"pref_big\":[1,{\"x\":-1e400}]}",
                "{\"Sensor\":{\"hold_seconds\":1e309}}" }) {
            HttpResponse<String> r = device.post("/settings", body);
            assertEquals(400, r.statusCode(), body + " -> " + r.body());
            assertTrue(device.json(r).get("error").asText().contains("too large"), r.body());
        }
        assertEquals(400, device.post("/sensor/configure", "{\"type\":\"mock\",\"hold_seconds\":1e999}").statusCode());
        assertEquals(before, device.get("/settings").body());
        assertFalse(Files.readString(device.home.resolve("settings/settings.json")).contains("Infinity"));
    }

    @Test
    void keysGivenTwiceAreRefused() throws Exception {
        String before = device.get("/settings").body();
        for (String body : new String[] { "{\"pref_a\":1,\"pref_a\":2}", "{\"pref_b\":{\"x\":1,\"x\":2}}",
                "{\"Sensor\":{\"hold_seconds\":3,\"hold_seconds\":4}}" }) {
            HttpResponse<String> r = device.post("/settings", body);
            assertEquals(400, r.statusCode(), body + " -> " + r.body());
            assertTrue(device.json(r).get("error").asText().contains("twice"), r.body());
        }
        assertEquals(400, device.post("/auth/validate", "{\"password\":\"x\",\"password\":\"y\"}").statusCode());
        assertEquals(before, device.get("/settings").body());
    }

    @Test
    void onlyUtf8IsAccepted() throws Exception {
        for (String charset : new String[] { "utf-16", "UTF-16BE", "iso-8859-1", "x-unknown" }) {
            HttpResponse<String> r = device.post("/settings", "{}", "application/json; charset=" + charset);
            assertEquals(415, r.statusCode(), charset + " -> " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        }
        HttpResponse<String> utf16 = device.send(HttpRequest.newBuilder(device.uri("/settings"))
                .header("Content-Type", "application/json; charset=utf-16")
                .POST(HttpRequest.BodyPublishers.ofByteArray("{\"pref_x\":1}".getBytes(StandardCharsets.UTF_16))));
        assertEquals(415, utf16.statusCode());
        assertEquals(200, device.post("/settings", "{\"pref_u\":\"é\"}", "application/json; charset=UTF-8").statusCode());
        assertEquals(200, device.post("/settings", "{\"pref_u\":\"é\"}", "application/json;charset=utf-8").statusCode());
    }

    @Test
    void aSameOriginPreflightIsAnswered() throws Exception {
        String own = "http://127.0.0.1:" + device.port;
        HttpResponse<String> r = device.sendAnonymous(HttpRequest.newBuilder(device.uri("/settings"))
                .header("Origin", own).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Content-Type, Authorization")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, r.statusCode(), r.body());
        assertEquals(own, r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(r.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
        HttpResponse<String> foreign = device.sendAnonymous(HttpRequest.newBuilder(device.uri("/settings"))
                .header("Origin", "http://evil.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(403, foreign.statusCode());
    }
}
