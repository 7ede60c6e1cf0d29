package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Presence sources are bundles: uninstalling {@code presence.bluetooth} at runtime (through the Web Console) takes
 * its routes and its votes, Wi-Fi presence goes on, and installing it again (into deploy/) brings both back. Polls
 * keep their 30 s default here, so a new {@code /events} client is what polls at once.
 */
class PresenceSourceRemovalTest {
    private static final String PHONE = "AA:BB:CC:DD:EE:01";
    private static final String LAPTOP = "AA:BB:CC:DD:EE:02";
    private static final String BUNDLE = "securitycam.presence.bluetooth";

    @TempDir
    Path dir;

    @Test
    void uninstallingTheBluetoothSourceTakesItsRoutesAndVotesAndReinstallingBringsThemBack() throws Exception {
        FakeTools tools = FakeTools.in(dir);
        Path home = dir.resolve("home");
        try (Device d = Device.startWithEnvironment(home, tools.environment())) {
            d.post("/devices/bt/add", "{\"address\":\"" + PHONE + "\"}");
            d.post("/devices/wifi/add", "{\"address\":\"" + LAPTOP + "\"}");
            HotDeployTest.await(d, "the poll of the change", 10_000, () -> tools.calls("hcitool name " + PHONE) > 0);
            Thread.sleep(1_000);
            tools.phone(PHONE, "present");
            Thread.sleep(3_000);
            assertFalse(d.getJson("/devices/status").get("bt").get(PHONE).asBoolean(), "not polled since");
            try (SseClient events = new SseClient(d)) {
                JsonNode c = events.await("connections", 3_000).data();
                assertEquals(1, c.get("bluetooth").get("online").asInt(), "a new client polls at once: " + c);
            }
            assertTrue(d.getJson("/devices/status").get("bt").get(PHONE).asBoolean());

            assertEquals(200, console(d, "uninstall").statusCode());
            HotDeployTest.await(d, "the Bluetooth routes gone", 10_000,
                    () -> d.post("/bt/scan", null).statusCode() == 404);
            for (String route : new String[] { "/bt/discoverable", "/devices/bt/add", "/devices/bt/remove",
                    "/bluetooth/scan", "/bluetooth/discoverable", "/bluetooth/pair" }) {
                assertEquals(404, d.post(route, "{}").statusCode(), route);
            }
            HotDeployTest.await(d, "its votes gone", 10_000, () -> {
                JsonNode s = d.getJson("/devices/status");
                return !s.get("bt").get(PHONE).asBoolean() && !s.get("sources").has("bt");
            });
            assertTrue(d.getJson("/devices/status").get("sources").has("wifi"), "the status says what is active");

            tools.stations(LAPTOP);
            try (SseClient events = new SseClient(d)) {
                // This client comes within 5 s of the last: its poll waits for the rest of them.
                while (events.await("connections", 6_000).data().get("wifi").get("online").asInt() != 1) {
                    continue;
                }
            }
            assertTrue(d.getJson("/devices/status").get("wifi").get(LAPTOP).asBoolean(), "Wi-Fi presence goes on");
            assertEquals(200, d.post("/devices/wifi/remove", "{\"address\":\"" + LAPTOP + "\"}").statusCode());

            HotDeployTest.copyAtomically(bundleJar(), home.resolve("deploy").resolve(BUNDLE + ".jar"));
            HotDeployTest.await(d, "the Bluetooth routes back", 20_000,
                    () -> d.post("/devices/bt/add", "{}").statusCode() == 400);
            HotDeployTest.await(d, "its votes back", 10_000,
                    () -> d.getJson("/devices/status").get("bt").get(PHONE).asBoolean());
            assertTrue(d.getJson("/devices/status").get("sources").get("bt").get("active").asBoolean());
        }
    }

    private static HttpResponse<String> console(Device d, String action) throws Exception {
        return d.send(HttpRequest.newBuilder(d.uri("/system/console/bundles/" + BUNDLE))
                .header("Origin", "http://127.0.0.1:" + d.port) // as the console's own page sends it
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=" + action)));
    }

    private static Path bundleJar() throws Exception {
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("securitycam.bundles")))) {
            return jars.filter(p -> p.getFileName().toString().startsWith(BUNDLE + "-")).findFirst().orElseThrow();
        }
    }
}
