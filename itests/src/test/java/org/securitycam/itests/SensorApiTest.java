package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

/** The sensor routes over HTTP against the running device on the dev profile. */
class SensorApiTest extends OneDeviceTest {
    @BeforeEach
    void mockActive() throws Exception {
        HttpResponse<String> r = device.post("/sensor/configure", "{\"type\":\"mock\",\"hold_seconds\":0}");
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void statusHasEveryField() throws Exception {
        JsonNode s = device.getJson("/sensor/status");
        for (String f : new String[] { "enabled", "armed", "triggered", "suppressed", "recording_from_sensor",
                "hold_seconds", "config", "sensor", "available" }) {
            assertTrue(s.has(f), "status lacks " + f + ": " + s);
        }
        assertTrue(s.get("enabled").asBoolean());
        assertTrue(s.get("armed").asBoolean());
        assertTrue(s.get("available").asBoolean());
        assertEquals("mock", s.get("config").get("type").asText());
        assertEquals("mock", s.get("sensor").get("type").asText());
        assertTrue(s.get("sensor").get("running").asBoolean());
    }

    @Test
    void typesListTheMockWithItsMetadata() throws Exception {
        JsonNode types = device.getJson("/sensor/types");
        JsonNode mock = null;
        for (JsonNode t : types) {
            if (t.get("type").asText().equals("mock")) {
                mock = t;
            }
        }
        assertTrue(mock != null, types.toString());
        assertTrue(mock.get("default_gpio").isNull());
        assertEquals("software", mock.get("module").asText());
        assertTrue(mock.get("wiring").isArray());
        assertTrue(mock.get("calibration").isArray());
        assertTrue(mock.has("wiring_note") && mock.has("use_case") && mock.has("description"));
    }

    @Test
    void mockTriggerAndRelease() throws Exception {
        HttpResponse<String> r = device.post("/sensor/mock/trigger", null);
        assertEquals(200, r.statusCode());
        assertEquals("Mock trigger fired", device.json(r).get("message").asText());
        HotDeployTest.await(device, "triggered", 3_000, () -> device.getJson("/sensor/status").get("triggered").asBoolean());
        r = device.post("/sensor/mock/release", null);
        assertEquals("Mock release fired", device.json(r).get("message").asText());
        HotDeployTest.await(device, "released", 3_000, () -> !device.getJson("/sensor/status").get("triggered").asBoolean());
        JsonNode s = device.getJson("/sensor/status");
        assertFalse(s.get("triggered").asBoolean());
        assertFalse(s.get("recording_from_sensor").asBoolean(), "hold_seconds 0 stops the recording at once");
    }

    @Test
    void enableAndDisable() throws Exception {
        HttpResponse<String> r = device.post("/sensor/disable", null);
        assertEquals("Sensor disabled", device.json(r).get("message").asText());
        JsonNode s = device.getJson("/sensor/status");
        assertFalse(s.get("enabled").asBoolean());
        assertFalse(s.get("armed").asBoolean());
        assertFalse(s.get("sensor").get("running").asBoolean());
        assertEquals(400, device.post("/sensor/mock/trigger", null).statusCode(), "a disabled mock does not fire");
        r = device.post("/sensor/enable", null);
        assertEquals("Sensor enabled", device.json(r).get("message").asText());
        assertTrue(device.getJson("/sensor/status").get("armed").asBoolean());
    }

    @Test
    void unknownTypeNamesTheAvailableOnes() throws Exception {
        HttpResponse<String> r = device.post("/sensor/configure", "{\"type\":\"laser_shark\"}");
        assertEquals(400, r.statusCode());
        JsonNode body = device.json(r);
        assertEquals("Unknown sensor type: laser_shark", body.get("error").asText());
        assertTrue(body.get("available").toString().contains("\"mock\""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"gpio\":4}                                     | type is required",
            "{\"type\":5}                                     | type must be a string",
            "{\"type\":\"mock\",\"gpio\":28}                  | gpio must be an integer from 0 to 27",
            "{\"type\":\"mock\",\"gpio\":-1}                  | gpio must be an integer from 0 to 27",
            "{\"type\":\"mock\",\"gpio\":4.5}                 | gpio must be an integer from 0 to 27",
            "{\"type\":\"mock\",\"gpio\":5.0}                 | gpio must be an integer from 0 to 27",
            "{\"type\":\"mock\",\"gpio\":\"5\"}               | gpio must be an integer from 0 to 27",
            "{\"type\":\"mock\",\"enabled\":\"yes\"}          | enabled must be true or false",
            "{\"type\":\"mock\",\"hold_seconds\":-1}          | hold_seconds must be a number from 0 to 3600",
            "{\"type\":\"mock\",\"hold_seconds\":3601}        | hold_seconds must be a number from 0 to 3600",
            "{\"type\":\"mock\",\"hold_seconds\":\"10\"}      | hold_seconds must be a number from 0 to 3600",
            "{\"type\":\"mock\",\"invert_logic\":1}           | invert_logic must be true or false",
            "{\"type\":\"mock\",\"calibration\":[]}           | calibration must be a JSON object",
            "{\"type\":\"mock\",\"calibration\":{\"x\":1}}    | Unknown calibration key for mock: x",
            "{\"type\":\"mock\",\"colour\":\"red\"}           | Unknown field: colour",
            "[1,2]                                            | Request body must be",
            "{\"type\":                                       | Malformed JSON",
    })
    void configureRejectsBadInputAndChangesNothing(String body, String message) throws Exception {
        device.post("/sensor/configure", "{\"type\":\"mock\",\"hold_seconds\":7}");
        String before = device.getJson("/settings").get("Sensor").toString();
        HttpResponse<String> r = device.post("/sensor/configure", body);
        assertEquals(400, r.statusCode(), r.body());
        String error = device.json(r).get("error").asText();
        assertTrue(error.contains(message), error);
        assertEquals(before, device.getJson("/settings").get("Sensor").toString());
    }

    @Test
    void configureFillsDefaultsAndAnswersTheConfig() throws Exception {
        HttpResponse<String> r = device.post("/sensor/configure", "{\"type\":\"mock\",\"gpio\":4,\"hold_seconds\":2.5}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = device.json(r);
        assertEquals("Sensor configured", body.get("message").asText());
        JsonNode config = body.get("config");
        assertEquals(4, config.get("gpio").asInt());
        assertEquals(2.5, config.get("hold_seconds").asDouble());
        assertTrue(config.get("enabled").asBoolean());
        assertFalse(config.get("invert_logic").asBoolean());
        JsonNode status = device.getJson("/sensor/status");
        assertEquals(2.5, status.get("hold_seconds").asDouble());
        assertEquals(4, status.get("sensor").get("gpio").asInt());
    }

    @Test
    void wiringTestOfTheMockHasNoPin() throws Exception {
        HttpResponse<String> r = device.post("/sensor/test", "{\"type\":\"mock\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(device.json(r).get("value").isNull());
        assertEquals(400, device.post("/sensor/test", "{\"type\":\"mock\",\"gpio\":99}").statusCode());
        assertEquals(400, device.post("/sensor/test", "{\"type\":\"nope\"}").statusCode());
    }
}
