package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** The pi profile on a host without a GPIO chip (this one): the device runs, and says GPIO is missing. */
class PiProfileTest {
    @TempDir
    Path dir;

    @Test
    void withoutAGpioChipTheDeviceRunsAndSaysWhy() throws Exception {
        try (Device device = Device.start(dir.resolve("home"), "pi")) {
            assertTrue(device.log().contains("No GPIO chip under /dev"), device.log());
            JsonNode settings = device.getJson("/settings");
            assertEquals("reed_switch", settings.get("Sensor").get("type").asText(), "the pi default sensor");

            HttpResponse<String> r = device.post("/sensor/test", "{\"type\":\"reed_switch\",\"gpio\":22}");
            assertEquals(503, r.statusCode(), r.body());
            assertEquals("GPIO is not available on this host", device.json(r).get("error").asText());

            r = device.post("/sensor/configure", "{\"type\":\"pir\"}");
            assertEquals(200, r.statusCode(), r.body());
            JsonNode status = device.getJson("/sensor/status");
            assertFalse(status.get("armed").asBoolean());
            assertTrue(status.get("available").asBoolean());
            assertEquals("GPIO is not available on this host", status.get("problem").asText());
            assertEquals(404, device.post("/gpio/sim/17", "{\"high\":true}").statusCode(),
                    "no simulated board on the pi profile");
        }
    }
}
