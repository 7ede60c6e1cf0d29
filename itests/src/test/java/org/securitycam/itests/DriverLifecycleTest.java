package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What happens to the sensor when drivers come and go in deploy/: a second driver for a type that is taken, and
 * the active driver removed while it is triggered.
 */
class DriverLifecycleTest {
    private static final String TRIPWIRE = "tripwire-sensor";
    private static final String COPY = "com.example.tripwire.copy";

    @TempDir
    Path dir;

    @Test
    void aSecondDriverForATakenTypeIsRefusedUntilTheFirstLeaves() throws Exception {
        Path jar = Path.of(System.getProperty("tripwire.jar"));
        try (Device device = Device.start(dir.resolve("home"))) {
            Path first = device.home.resolve("deploy/tripwire.jar");
            Path second = device.home.resolve("deploy/tripwire-copy.jar");
            HotDeployTest.copyAtomically(jar, first);
            HotDeployTest.await(device, "the tripwire", 5_000, () -> device.get("/sensor/types").body().contains("driver 1.0.0)"));
            assertEquals(200, device.post("/sensor/configure",
                    "{\"type\":\"tripwire\",\"hold_seconds\":0,\"calibration\":{\"min_break_ms\":0,\"debounce_ms\":0}}")
                    .statusCode());

            HotDeployTest.copyAtomically(HotDeployTest.withHeaders(jar,
                    Map.of("Bundle-SymbolicName", COPY, "Bundle-Version", "2.0.0"), dir.resolve("copy.jar")), second);
            HotDeployTest.await(device, "the refusal in the log", 5_000, () -> device.log().contains(
                    "Refused the sensor driver for tripwire from " + COPY + " 2.0.0: " + TRIPWIRE + " 1.0.0 already provides"));
            String refusal = device.log().lines().filter(l -> l.contains("Refused the sensor driver")).findFirst().get();
            assertTrue(refusal.contains("[ERROR]"), refusal);
            JsonNode status = device.getJson("/sensor/status");
            assertEquals("Refused another driver for tripwire from " + COPY + " 2.0.0: " + TRIPWIRE
                    + " 1.0.0 already provides it", status.get("conflict").asText(), status.toString());
            assertTrue(status.get("armed").asBoolean(), "the first driver stays in charge: " + status);
            String types = device.get("/sensor/types").body();
            assertTrue(types.contains("driver 1.0.0)") && !types.contains("driver 2.0.0)"), types);
            assertEquals(1, types.split("\"type\":\"tripwire\"").length - 1, "listed once: " + types);
            device.post("/gpio/sim/23", "{\"high\":true}");
            HotDeployTest.await(device, "the first driver triggered", 3_000,
                    () -> device.getJson("/sensor/status").get("triggered").asBoolean());
            device.post("/gpio/sim/23", "{\"high\":false}");
            HotDeployTest.await(device, "released", 3_000, () -> !device.getJson("/sensor/status").get("triggered").asBoolean());

            Files.delete(first);
            HotDeployTest.await(device, "the second driver in charge and armed", 5_000, () -> {
                JsonNode s = device.getJson("/sensor/status");
                return device.get("/sensor/types").body().contains("driver 2.0.0)") && s.get("armed").asBoolean()
                        && s.get("conflict").isNull() && s.get("available").asBoolean();
            });
            assertTrue(device.log().contains("Sensor driver for tripwire from " + COPY + " 2.0.0 takes over from "
                    + TRIPWIRE + " 1.0.0"));
            device.post("/gpio/sim/23", "{\"high\":true}");
            HotDeployTest.await(device, "the second driver triggered", 3_000,
                    () -> device.getJson("/sensor/status").get("triggered").asBoolean());
        }
    }

    @Test
    void aDriverRemovedWhileTriggeredKeepsTheRecordingForTheHoldTime() throws Exception {
        Path jar = Path.of(System.getProperty("tripwire.jar"));
        try (Device device = Device.start(dir.resolve("home"))) {
            Path deployed = device.home.resolve("deploy/tripwire.jar");
            device.post("/gpio/sim/23", "{\"high\":false}");
            HotDeployTest.copyAtomically(jar, deployed);
            HotDeployTest.await(device, "the tripwire", 5_000, () -> device.get("/sensor/types").body().contains("\"tripwire\""));
            assertEquals(200, device.post("/sensor/configure",
                    "{\"type\":\"tripwire\",\"hold_seconds\":4,\"calibration\":{\"min_break_ms\":0,\"debounce_ms\":0}}")
                    .statusCode());
            device.post("/gpio/sim/23", "{\"high\":true}");
            HotDeployTest.await(device, "a sensor recording", 10_000,
                    () -> device.getJson("/sensor/status").get("recording_from_sensor").asBoolean());

            Files.delete(deployed);
            long removed = System.nanoTime();
            HotDeployTest.await(device, "the driver gone", 5_000, () -> !device.getJson("/sensor/status").get("available").asBoolean());
            JsonNode s = device.getJson("/sensor/status");
            assertFalse(s.get("triggered").asBoolean(), "the removal counts as a release: " + s);
            assertTrue(s.get("recording_from_sensor").asBoolean(), "the recording goes on for hold_seconds: " + s);
            HotDeployTest.await(device, "the recording to stop", 15_000,
                    () -> !device.getJson("/sensor/status").get("recording_from_sensor").asBoolean());
            long afterMs = (System.nanoTime() - removed) / 1_000_000;
            assertTrue(afterMs >= 3_000, "the recording stopped " + afterMs + " ms after the removal, before the hold");
            System.out.printf("recording stopped %d ms after its driver was removed (hold_seconds 4)%n", afterMs);
            assertFalse(device.getJson("/sensor/status").get("available").asBoolean());
            assertFalse(device.getJson("/recording_status").get("recording").asBoolean());
        }
    }
}
