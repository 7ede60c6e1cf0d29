package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The /storage routes on the device: the StorageLimit section's defaults and every rule with its 400 message
 * (nothing changes then), the answers of configure and cleanup, and the status of a save location that is gone.
 */
class StorageApiTest extends OneDeviceTest {
    private static final String DEFAULTS = "{\"enabled\":false,\"max_percent\":85,\"max_days\":0}";
    private static final String PERCENT = "max_percent must be an integer from 10 to 95";
    private static final String KNOWN = "enabled, max_percent, max_days)";

    @BeforeEach
    void defaults() throws Exception {
        Path location = dir.resolve("media");
        Files.createDirectories(location);
        assertEquals(200, device.post("/settings", "{\"VideoSaveLocation\":\"" + location + "\","
                + "\"StorageLimit\":" + DEFAULTS + "}").statusCode());
    }

    @Test
    void theSectionHasItsDefaultsAndTheStatusItsFigures() throws Exception {
        assertEquals(Device.JSON.readTree(DEFAULTS), device.getJson("/settings").get("StorageLimit"));
        JsonNode status = device.getJson("/storage/status");
        List<String> fields = List.of("enabled", "max_percent", "max_days", "disk_percent", "disk_total_gb",
                "disk_used_gb", "disk_free_gb", "recording_allowed");
        assertEquals(fields, fieldNames(status), status.toString());
        assertFalse(status.get("enabled").asBoolean());
        assertEquals(85, status.get("max_percent").asInt());
        assertEquals(0, status.get("max_days").asInt());
        double total = status.get("disk_total_gb").asDouble();
        double percent = status.get("disk_percent").asDouble();
        assertTrue(total > 0 && percent >= 0 && percent <= 100, status.toString());
        assertEquals(total, status.get("disk_used_gb").asDouble() + status.get("disk_free_gb").asDouble(), 0.011);
        assertTrue(status.get("recording_allowed").asBoolean(), "plenty of room here: " + status);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"max_percent\":50.5}                     | " + PERCENT,
            "{\"max_percent\":85.0}                     | " + PERCENT,
            "{\"max_percent\":\"85\"}                   | " + PERCENT,
            "{\"max_percent\":9}                        | " + PERCENT,
            "{\"max_percent\":96}                       | " + PERCENT,
            "{\"max_percent\":null}                     | " + PERCENT,
            "{\"max_percent\":99999999999999999999999}  | " + PERCENT,
            "{\"enabled\":true,\"max_percent\":96}      | " + PERCENT,
            "{\"enabled\":\"true\"}                     | enabled must be true or false",
            "{\"enabled\":1}                            | enabled must be true or false",
            "{\"max_days\":-1}                          | max_days must be an integer from 0 to 3650",
            "{\"max_days\":3651}                        | max_days must be an integer from 0 to 3650",
            "{\"max_days\":2.5}                         | max_days must be an integer from 0 to 3650",
            "{\"enabled\":true,\"colour\":\"red\"}      | Unknown field: colour (known: " + KNOWN,
            "{\"threshold\":80,\"days\":3}              | Unknown fields: threshold, days (known: " + KNOWN,
            "[85]                                       | Request body must be a JSON object",
            "85                                         | Request body must be a JSON object",
            "{\"max_percent\":                          | Malformed JSON",
    })
    void aBadConfigureIs400NamingTheFieldAndChangesNothing(String body, String message) throws Exception {
        Path file = device.home.resolve("settings/settings.json");
        byte[] before = Files.readAllBytes(file);
        String status = device.getJson("/storage/status").get("max_percent").toString();
        HttpResponse<String> r = device.post("/storage/configure", body);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(device.json(r).get("error").asText().startsWith(message), r.body());
        assertEquals(new String(before), Files.readString(file), "settings.json is untouched");
        assertEquals(status, device.getJson("/storage/status").get("max_percent").toString());
        assertFalse(device.getJson("/storage/status").get("enabled").asBoolean());
    }

    @Test
    void aConfigureWithoutBodyIs400() throws Exception {
        HttpResponse<String> r = device.post("/storage/configure", null);
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("Request body must be a JSON object", device.json(r).get("error").asText());
    }

    @Test
    void theSettingsRouteAppliesTheSameRules() throws Exception {
        HttpResponse<String> r = device.post("/settings", "{\"StorageLimit\":{\"max_percent\":96}}");
        assertEquals(400, r.statusCode());
        assertEquals("StorageLimit: " + PERCENT, device.json(r).get("error").asText());
        r = device.post("/settings", "{\"StorageLimit\":{\"enabled\":\"no\"}}");
        assertEquals("StorageLimit: enabled must be true or false", device.json(r).get("error").asText());
        r = device.post("/settings", "{\"StorageLimit\":true}");
        assertEquals("StorageLimit: must be a JSON object", device.json(r).get("error").asText());

        assertEquals(200, device.post("/settings", "{\"StorageLimit\":{\"max_percent\":50}}").statusCode());
        JsonNode status = device.getJson("/storage/status");
        assertEquals(50, status.get("max_percent").asInt());
        assertFalse(status.get("enabled").asBoolean(), "merged into what is stored");
    }

    @Test
    void configureAnswersWithTheWholeSectionAndMergesIntoIt() throws Exception {
        HttpResponse<String> r = device.post("/storage/configure",
                "{\"enabled\":true,\"max_percent\":70,\"max_days\":30}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(Device.JSON.readTree("{\"message\":\"Storage limit configured\","
                + "\"config\":{\"enabled\":true,\"max_percent\":70,\"max_days\":30}}"), device.json(r));
        r = device.post("/storage/configure", "{\"max_percent\":80}");
        assertEquals(Device.JSON.readTree("{\"enabled\":true,\"max_percent\":80,\"max_days\":30}"),
                device.json(r).get("config"));
        assertEquals(device.json(r).get("config"), device.getJson("/settings").get("StorageLimit"));
        JsonNode status = device.getJson("/storage/status");
        assertTrue(status.get("enabled").asBoolean());
        assertEquals(80, status.get("max_percent").asInt());
        assertEquals(30, status.get("max_days").asInt());
        assertEquals(200, device.post("/storage/configure", "{}").statusCode(), "an empty object changes nothing");
        assertEquals(80, device.getJson("/storage/status").get("max_percent").asInt());
    }

    @Test
    void cleanupIsSkippedWhileAutoDeleteIsOffAndOkWhenThereIsNothingToDo() throws Exception {
        HttpResponse<String> r = device.post("/storage/cleanup", null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(Device.JSON.readTree("{\"enabled\":false,\"action\":\"skipped\"}"), device.json(r));

        device.post("/storage/configure", "{\"enabled\":true,\"max_percent\":95}");
        JsonNode ok = device.json(device.post("/storage/cleanup", null));
        assertEquals(List.of("enabled", "action", "disk_percent", "threshold"), fieldNames(ok), ok.toString());
        assertTrue(ok.get("enabled").asBoolean());
        assertEquals("ok", ok.get("action").asText());
        assertEquals(95, ok.get("threshold").asInt());
        assertTrue(ok.get("disk_percent").isNumber());
        assertEquals(400, device.post("/storage/cleanup", "{\"now\":true}").statusCode(), "it takes no body");
    }

    @Test
    void aMissingSaveLocationHasNoFiguresAndAClearError() throws Exception {
        Path gone = dir.resolve("usb-disk/recordings");
        Files.createDirectories(gone.getParent()); // a save location is created at most one level below what exists
        assertEquals(200, device.post("/settings", "{\"VideoSaveLocation\":\"" + gone + "\"}").statusCode());
        Files.delete(gone);
        HttpResponse<String> r = device.get("/storage/status");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode status = device.json(r);
        for (String figure : List.of("disk_percent", "disk_total_gb", "disk_used_gb", "disk_free_gb")) {
            assertTrue(status.get(figure).isNull(), status.toString());
        }
        assertEquals("The save location " + gone + " does not exist", status.get("error").asText());

        device.post("/storage/configure", "{\"enabled\":true}");
        r = device.post("/storage/cleanup", null);
        assertEquals(503, r.statusCode(), r.body());
        assertEquals("The save location " + gone + " does not exist", device.json(r).get("error").asText());
        Files.createDirectories(gone);
        assertTrue(device.getJson("/storage/status").get("disk_total_gb").isNumber());
    }
}
