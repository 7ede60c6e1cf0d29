package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.securitycam.itests.contractdriver.LockingDriver;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the driver SPI promises a driver author, held to by a driver in the same JVM: a listener call returns at once
 * even while the driver holds the lock its close needs, close is never called from inside a listener call, a
 * listener call after close is ignored, and the manager closes the session of a driver whose bundle goes away.
 */
class DriverContractTest {
    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        for (String p : new String[] { LockingDriver.SLOWEST_CALL, LockingDriver.CLOSED,
                LockingDriver.CLOSED_VS_DEACTIVATE, LockingDriver.QUIET, LockingDriver.CLOSE_MS }) {
            System.clearProperty(p);
        }
    }

    @Test
    void listenerCallsNeverWaitForCloseAndTheManagerClosesADriverThatGoesAway() throws Exception {
        Path jar = TestBundles.build("org.securitycam.itests.contractdriver", "org.securitycam.itests.contractdriver",
                dir.resolve("contractdriver.jar"));
        try (EmbeddedDevice d = EmbeddedDevice.start(dir)) {
            d.await("the API", "/auth/status", null, s -> s.contains("enabled"));
            String token = Device.JSON.readTree(Files.readString(d.home.resolve("settings/settings.json")))
                    .get("Auth").get("token").asText();
            Bundle driver = d.context().installBundle(jar.toUri().toString());
            driver.start();
            d.await("the locking type", "/sensor/types", token, s -> s.contains("\"" + LockingDriver.TYPE + "\""));

            // A fault reported under the driver's lock: the manager closes the session later, on its own thread.
            assertEquals(200, configure(d, token).statusCode());
            JsonNode status = Device.JSON.readTree(d.await("the fault in the status", "/sensor/status", token,
                    s -> s.contains(LockingDriver.FAULT)));
            assertFalse(status.get("armed").asBoolean(), status.toString());
            awaitProperty(LockingDriver.CLOSED);
            assertEquals("outside", System.getProperty(LockingDriver.CLOSED), "close ran inside a listener call");
            long slowest = Long.getLong(LockingDriver.SLOWEST_CALL, -1);
            assertTrue(slowest >= 0 && slowest < 100, "a listener call took " + slowest + " ms");
            Thread.sleep(300); // the driver's forbidden call after close has come meanwhile
            status = Device.JSON.readTree(d.await("the status", "/sensor/status", token, s -> true));
            assertFalse(status.get("triggered").asBoolean(), "a call after close was ignored: " + status);
            long closeMs = Long.getLong(LockingDriver.CLOSE_MS, -1);
            assertTrue(closeMs >= 0 && closeMs < 1_000, "close waited " + closeMs + " ms for the driver's lock");

            // A quiet session that runs, then the driver's bundle goes away: the manager closes the session.
            System.clearProperty(LockingDriver.CLOSED);
            System.setProperty(LockingDriver.QUIET, "true");
            assertEquals(200, configure(d, token).statusCode());
            d.await("the locking sensor armed", "/sensor/status", token, s -> s.contains("\"armed\":true"));
            driver.uninstall();
            awaitProperty(LockingDriver.CLOSED);
            assertNotNull(System.getProperty(LockingDriver.CLOSED_VS_DEACTIVATE));
            System.out.printf("the session of a removed driver was closed %s its component was deactivated%n",
                    System.getProperty(LockingDriver.CLOSED_VS_DEACTIVATE));
            d.await("the driver gone", "/sensor/status", token, s -> s.contains("\"available\":false"));
        }
    }

    private static HttpResponse<String> configure(EmbeddedDevice d, String token) throws Exception {
        return d.send(HttpRequest.newBuilder(d.uri("/sensor/configure")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"" + LockingDriver.TYPE + "\"}")));
    }

    private static void awaitProperty(String name) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.getProperty(name) == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertNotNull(System.getProperty(name), name + " was never set: close was not called");
    }
}
