package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.securitycam.itests.baddrivers.HangsInClose;
import org.securitycam.itests.baddrivers.HangsInOpen;
import org.securitycam.itests.baddrivers.ThrowsInOpen;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Drivers that break the SPI's contract, built by the test as a bundle and dropped into deploy/: one hangs in
 * open, one throws there, one hangs in close. The API keeps answering at once, the status names the driver and the
 * cause, and the sensor works again as soon as another type is configured, even after the hung driver's bundle
 * went away while its open still hung.
 */
class MisbehavingDriverTest {
    @TempDir
    Path dir;

    @Test
    void aDriverThatHangsOrThrowsStallsNothing() throws Exception {
        Path bundle = TestBundles.build("org.securitycam.itests.baddrivers", "org.securitycam.itests.baddrivers",
                dir.resolve("baddrivers.jar"));
        try (Device device = Device.start(dir.resolve("home"))) {
            Path deployed = device.home.resolve("deploy/baddrivers.jar");
            HotDeployTest.copyAtomically(bundle, deployed);
            HotDeployTest.await(device, "the misbehaving types", 5_000, () -> {
                String types = device.get("/sensor/types").body();
                return types.contains(HangsInOpen.TYPE) && types.contains(HangsInClose.TYPE)
                        && types.contains(ThrowsInOpen.TYPE);
            });

            // Hangs in open: configure answers after a bounded wait, and the status at once.
            long t0 = System.nanoTime();
            HttpResponse<String> r = device.post("/sensor/configure", "{\"type\":\"" + HangsInOpen.TYPE + "\"}");
            long configureMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(HangsInOpen.TYPE, device.json(r).get("config").get("type").asText());
            assertTrue(configureMs < 5_000, "configure waited " + configureMs + " ms on a hung driver");
            long s0 = System.nanoTime();
            JsonNode status = device.getJson("/sensor/status");
            long statusMs = (System.nanoTime() - s0) / 1_000_000;
            assertTrue(statusMs < 2_000, "the status took " + statusMs + " ms while a driver hangs");
            assertFalse(status.get("armed").asBoolean(), status.toString());
            assertTrue(status.get("problem").asText().contains("The " + HangsInOpen.TYPE + " driver"), status.toString());
            HotDeployTest.await(device, "the cause in the status", 5_000, () -> device.getJson("/sensor/status")
                    .get("problem").asText().equals("The " + HangsInOpen.TYPE + " driver did not open within 2 s"));
            System.out.printf("configure of a hung driver answered in %d ms, the status in %d ms%n", configureMs,
                    statusMs);

            // Throws in open.
            assertEquals(200, device.post("/sensor/configure", "{\"type\":\"" + ThrowsInOpen.TYPE + "\"}").statusCode());
            HotDeployTest.await(device, "the exception in the status", 5_000, () -> device.getJson("/sensor/status")
                    .get("problem").asText().contains("The " + ThrowsInOpen.TYPE + " driver failed to start: "
                            + "java.lang.IllegalStateException: this driver has a bug"));

            // Hangs in close: the next type still opens, a moment later.
            assertEquals(200, device.post("/sensor/configure", "{\"type\":\"" + HangsInClose.TYPE + "\"}").statusCode());
            HotDeployTest.await(device, "the close-hanging driver armed", 5_000,
                    () -> device.getJson("/sensor/status").get("armed").asBoolean());
            assertEquals(200, device.post("/sensor/configure", "{\"type\":\"mock\",\"hold_seconds\":0}").statusCode());
            HotDeployTest.await(device, "the mock armed after a close that hangs", 5_000,
                    () -> device.getJson("/sensor/status").get("armed").asBoolean());
            assertEquals(200, device.post("/sensor/mock/trigger", null).statusCode());
            HotDeployTest.await(device, "the mock triggered", 3_000,
                    () -> device.getJson("/sensor/status").get("triggered").asBoolean());
            device.post("/sensor/mock/release", null);
            assertTrue(device.log().contains("The " + HangsInClose.TYPE + " driver of org.securitycam.itests.baddrivers"
                    + " 1.0.0 did not close its session within 1 s"), "the log names the driver and the bundle");

            // The bundle goes away while its open hangs.
            assertEquals(200, device.post("/sensor/configure", "{\"type\":\"" + HangsInOpen.TYPE + "\"}").statusCode());
            Files.delete(deployed);
            HotDeployTest.await(device, "the hung driver gone", 10_000, () -> {
                JsonNode s = device.getJson("/sensor/status");
                return !s.get("available").asBoolean()
                        && s.get("problem").asText().equals("The driver for " + HangsInOpen.TYPE + " is not installed");
            });
            assertEquals(200, device.post("/sensor/configure", "{\"type\":\"mock\"}").statusCode());
            HotDeployTest.await(device, "the mock armed again", 5_000,
                    () -> device.getJson("/sensor/status").get("armed").asBoolean());
            assertFalse(device.get("/sensor/types").body().contains(HangsInOpen.TYPE));
        }
    }
}
