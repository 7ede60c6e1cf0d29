package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The presence routes against fake BlueZ and iw tools: validation before any adapter check, 503 without an
 * adapter, 408 when nobody pairs, 409 while a scan runs, the aliases, Wi-Fi stations and counts, throttled
 * {@code presence_change}, and faulty or hung tools. Polls are 1 s apart, presence_change notices 4 s.
 */
class PresenceRoutesTest {
    private static final String A = "AA:BB:CC:DD:EE:0A";
    private static final String B = "AA:BB:CC:DD:EE:0B";
    private static final Pattern WARNING = Pattern.compile("\\[WARN\\w*\\] [^\\n]*Presence source (\\w+) [^\\n]*cannot tell");

    @TempDir
    static Path dir;
    static Device device;
    static FakeTools tools;

    @BeforeAll
    static void start() throws Exception {
        tools = FakeTools.in(dir);
        Path home = dir.resolve("home");
        FakeTools.configure(home, "securitycam.presence", "poll.seconds=1\nnotice.seconds=4\n");
        FakeTools.configure(home, "securitycam.presence.bluetooth", "scan.seconds=2\npair.seconds=5\n");
        device = Device.startWithEnvironment(home, tools.environment());
    }

    @AfterAll
    static void stop() throws Exception {
        device.close();
    }

    @BeforeEach
    void reset() throws Exception {
        tools.set("bt-adapter", "present");
        tools.set("wifi", "ok");
        tools.set("bt-pair", "ok");
        tools.set("bt-pair-after", "never");
        tools.stations();
        for (String a : List.of(A, B)) {
            tools.phone(a, "absent");
        }
        assertEquals(200, device.post("/settings", "{\"TARGET_BT_ADDRESSES\":[],\"TARGET_AP_MAC_ADDRESSES\":[]}").statusCode());
    }

    @Test
    void everyRouteValidatesItsInputBeforeItAsksTheAdapter() throws Exception {
        tools.set("bt-adapter", "missing");
        tools.set("wifi", "missing");
        Thread.sleep(1_500);
        String before = device.getJson("/settings").toString();
        List<String> addressRoutes = List.of("/devices/bt/add", "/bluetooth/pair", "/devices/bt/remove",
                "/devices/wifi/add", "/devices/wifi/remove");
        List<String> badBodies = new ArrayList<>();
        for (String bad : List.of("\"AA:BB:CC:DD:EE\"", "\"GG:BB:CC:DD:EE:FF\"", "\"AA-BB-CC-DD-EE-FF\"",
                "\"AA:BB:CC:DD:EE:FF:00\"", "\" AA:BB:CC:DD:EE:FF\"", "\"\"", "5", "null", "[]")) {
            badBodies.add("{\"address\":" + bad + "}");
        }
        badBodies.addAll(List.of("{}", "{\"address\":\"AA:BB:CC:DD:EE:FF\",\"colour\":\"red\"}", "[]", "null"));
        for (String route : addressRoutes) {
            for (String body : badBodies) {
                assertError(400, device.post(route, body), route + " <- " + body);
            }
            assertError(400, device.post(route, null), route + " without a body");
        }
        for (String route : List.of("/devices/bt/add", "/bluetooth/pair", "/devices/wifi/add")) {
            assertError(400, device.post(route, "{\"address\":\"AA:BB:CC:DD:EE:FF\",\"name\":5}"), route + " name 5");
        }
        for (String route : List.of("/bt/discoverable", "/bluetooth/discoverable")) {
            for (String timeout : List.of("0", "301", "\"5\"", "4.5", "-1", "true", "null", "99999999999", "[5]")) {
                assertError(400, device.post(route, "{\"timeout\":" + timeout + "}"), route + " timeout " + timeout);
            }
            assertError(400, device.post(route, "{\"timeout\":5,\"extra\":1}"), route + " unknown field");
            assertError(400, device.post(route, "null"), route + " null body");
        }
        assertEquals(before, device.getJson("/settings").toString(), "nothing refused was stored");

        for (String[] call : List.of(new String[] { "/bt/scan", null }, new String[] { "/bluetooth/scan", null },
                new String[] { "/bt/discoverable", "{\"timeout\":1}" }, new String[] { "/bluetooth/discoverable", null },
                new String[] { "/devices/bt/add", "{\"address\":\"" + A + "\"}" },
                new String[] { "/bluetooth/pair", "{\"address\":\"" + A + "\",\"name\":\"P\"}" })) {
            HttpResponse<String> r = device.post(call[0], call[1]);
            assertError(503, r, call[0]);
            assertEquals("No Bluetooth adapter", device.json(r).get("error").asText());
        }
        assertEquals(0, device.getJson("/settings").get("TARGET_BT_ADDRESSES").size(), "a 503 tracks nothing");
        assertEquals(200, device.post("/devices/bt/remove", "{\"address\":\"" + A + "\"}").statusCode());
        assertEquals(200, device.post("/devices/wifi/add", "{\"address\":\"" + B + "\"}").statusCode(),
                "Wi-Fi routes work without the access point");
        assertEquals(200, device.post("/devices/wifi/remove", "{\"address\":\"" + B + "\"}").statusCode());
        HotDeployTest.await(device, "both sources inactive", 5_000, () -> {
            JsonNode s = device.getJson("/devices/status").get("sources");
            return !s.get("bt").get("active").asBoolean() && !s.get("wifi").get("active").asBoolean()
                    && s.get("wifi").get("problem").asText().equals("No Wi-Fi interface ap0");
        });
    }

    @Test
    void discoverableAnswers408WhenNobodyPairsAndTheDeviceWhenOneDoes() throws Exception {
        HttpResponse<String> r = device.post("/bt/discoverable", "{\"timeout\":2}");
        assertError(408, r, "nobody paired");
        assertEquals("No device paired within the time limit", device.json(r).get("error").asText());

        tools.set("bt-pair-after", "1");
        tools.set("bt-pair-device", "11:22:33:44:55:66 Watch");
        r = device.post("/bluetooth/discoverable", "{\"timeout\":5}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"device\":{\"address\":\"11:22:33:44:55:66\",\"name\":\"Watch\"}}", r.body());
        assertTrue(tools.calls().contains("bluetoothctl trust 11:22:33:44:55:66"), "trusted");
        assertEquals("[{\"address\":\"11:22:33:44:55:66\",\"name\":\"Watch\"}]",
                device.getJson("/settings").get("TARGET_BT_ADDRESSES").toString(), "and tracked");
        assertTrue(device.getJson("/devices/status").get("bt").has("11:22:33:44:55:66"));
    }

    @Test
    void aScanListsNamedDevicesFirstAndASecondScanOrPairingMeanwhileIs409() throws Exception {
        tools.set("bt-devices", "Device 4C:11:22:33:44:55 4C-11-22-33-44-55\nDevice aa:bb:cc:dd:ee:0a Pixel\n");
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
            try {
                return device.post("/bt/scan", null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        HotDeployTest.await(device, "the scan to start", 5_000,
                () -> tools.calls().contains("bluetoothctl --timeout 2 scan on"));
        assertError(409, device.post("/bluetooth/scan", null), "a second scan");
        assertError(409, device.post("/bt/discoverable", "{\"timeout\":1}"), "pairing during a scan");
        assertError(409, device.post("/devices/bt/add", "{\"address\":\"" + A + "\"}"), "pairing during a scan");
        HttpResponse<String> r = first.get();
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"devices\":[{\"address\":\"" + A + "\",\"name\":\"Pixel\"},"
                + "{\"address\":\"4C:11:22:33:44:55\",\"name\":null}]}", r.body());
        assertEquals(200, device.post("/bluetooth/scan", "{}").statusCode(), "free again, by the other name");
    }

    @Test
    void addPairsAndTracksOnceAndRemoveUnpairsAndUntracks() throws Exception {
        tools.set("bt-pair", "fail");
        HttpResponse<String> r = device.post("/devices/bt/add", "{\"address\":\"" + A + "\"}");
        assertError(422, r, "pairing refused");
        assertTrue(device.json(r).get("error").asText().contains("AuthenticationFailed"), r.body());
        assertEquals(0, device.getJson("/settings").get("TARGET_BT_ADDRESSES").size());

        tools.set("bt-pair", "ok");
        r = device.post("/devices/bt/add", "{\"address\":\"aa:bb:cc:dd:ee:0a\"}");
        assertEquals("{\"message\":\"Device added\"}", r.body());
        assertEquals(200, device.post("/bluetooth/pair", "{\"address\":\"" + A + "\",\"name\":\"Phone\"}").statusCode());
        assertEquals("[{\"address\":\"" + A + "\",\"name\":\"Phone\"}]",
                device.getJson("/settings").get("TARGET_BT_ADDRESSES").toString(), "once, with the name");
        r = device.post("/devices/bt/remove", "{\"address\":\"aa:bb:cc:dd:ee:0a\"}");
        assertEquals("{\"message\":\"Device removed\"}", r.body());
        assertTrue(tools.calls().contains("bluetoothctl remove " + A), "unpaired");
        assertEquals(0, device.getJson("/settings").get("TARGET_BT_ADDRESSES").size());
        assertEquals(400, device.post("/settings", "{\"TARGET_AP_MAC_ADDRESSES\":[{\"address\":\"nope\"}]}").statusCode(),
                "the settings route follows the same rules");
        device.post("/settings", "{\"TARGET_AP_MAC_ADDRESSES\":[{\"address\":\"aa:bb:cc:dd:ee:0b\"},{\"address\":\"" + B + "\"}]}");
        assertEquals("[{\"address\":\"" + B + "\"}]", device.getJson("/settings").get("TARGET_AP_MAC_ADDRESSES").toString());
    }

    @Test
    void wifiStationsAreTrackedAndCounted() throws Exception {
        tools.stations(A.toLowerCase(), "11:22:33:44:55:66");
        assertEquals("{\"message\":\"Device added\"}",
                device.post("/devices/wifi/add", "{\"address\":\"" + A + "\",\"name\":\"Laptop\"}").body());
        device.post("/devices/wifi/add", "{\"address\":\"" + B + "\"}");
        HotDeployTest.await(device, "the laptop present", 5_000,
                () -> device.getJson("/devices/status").get("wifi").path(A).asBoolean());
        assertEquals("{\"stations\":[{\"address\":\"" + A + "\",\"name\":\"Laptop\"},"
                + "{\"address\":\"11:22:33:44:55:66\",\"name\":null}]}", device.get("/wifi/stations").body());
        JsonNode status = device.getJson("/devices/status");
        assertEquals(false, status.get("wifi").get(B).asBoolean());
        assertTrue(status.get("sources").get("wifi").get("active").asBoolean());
        assertEquals("{\"bluetooth\":{\"online\":0,\"total\":0},\"wifi\":{\"online\":1,\"total\":2},\"ap_clients\":2}",
                device.get("/connections").body());
        assertEquals("{\"message\":\"Device removed\"}",
                device.post("/devices/wifi/remove", "{\"address\":\"" + A.toLowerCase() + "\"}").body());
        assertEquals("[{\"address\":\"" + B + "\"}]", device.getJson("/settings").get("TARGET_AP_MAC_ADDRESSES").toString());
    }

    @Test
    void presenceChangeIsThrottledPerDeviceAndConnectionsComeWithEveryPoll() throws Exception {
        device.post("/devices/wifi/add", "{\"address\":\"" + A + "\",\"name\":\"Laptop\"}");
        try (SseClient events = new SseClient(device)) {
            tools.stations(A);
            JsonNode arrived = events.await("presence_change", 5_000).data();
            assertEquals(Device.JSON.readTree("{\"address\":\"" + A + "\",\"name\":\"Laptop\",\"transport\":\"wifi\","
                    + "\"online\":true}"), arrived);
            tools.stations();
            HotDeployTest.await(device, "the laptop gone", 5_000,
                    () -> !device.getJson("/devices/status").get("wifi").get(A).asBoolean());
            events.clear();
            assertNull(events.next("presence_change", 1_500), "left within the quiet time: held back");
            JsonNode left = events.await("presence_change", 5_000).data();
            assertEquals(false, left.get("online").asBoolean(), "then sent, since it still holds");
            JsonNode c = events.await("connections", 3_000).data();
            assertEquals(Device.JSON.readTree("{\"bluetooth\":{\"online\":0,\"total\":0},"
                    + "\"wifi\":{\"online\":0,\"total\":1},\"ap_clients\":0}"), c);
            events.await("connections", 3_000);
        }
    }

    @Test
    void aToolThatFailsOrPrintsGarbageCountsAsAbsentWithOneWarningPerStreak() throws Exception {
        device.post("/devices/bt/add", "{\"address\":\"" + A + "\"}");
        int bt = warnings("bt");
        int wifi = warnings("wifi");
        tools.phone(A, "garbage");
        tools.set("wifi", "garbage");
        long calls = tools.calls("hcitool name " + A);
        HotDeployTest.await(device, "three polls", 10_000, () -> tools.calls("hcitool name " + A) >= calls + 3);
        assertEquals(bt + 1, warnings("bt"), "one warning for the streak");
        assertEquals(wifi + 1, warnings("wifi"));
        assertEquals(false, device.getJson("/devices/status").get("bt").get(A).asBoolean());

        tools.phone(A, "present");
        tools.set("wifi", "ok");
        HotDeployTest.await(device, "the phone answering", 10_000,
                () -> device.getJson("/devices/status").get("bt").get(A).asBoolean());
        tools.phone(A, "fail");
        long again = tools.calls("hcitool name " + A);
        HotDeployTest.await(device, "two more polls", 10_000, () -> tools.calls("hcitool name " + A) >= again + 2);
        assertEquals(bt + 2, warnings("bt"), "a new streak, a new warning");
        assertTrue(device.log().contains("Presence source bt of securitycam.presence.bluetooth"));
        assertTrue(device.log().contains("Tracked device " + A + " arrived (bt)"), "a device without a name");
        assertFalse(device.log().contains("Presence poll failed"));
    }

    @Test
    void aHungToolDelaysNoRouteAndTheOtherSourceKeepsPolling() throws Exception {
        device.post("/devices/bt/add", "{\"address\":\"" + A + "\"}");
        device.post("/devices/bt/add", "{\"address\":\"" + B + "\"}");
        device.post("/devices/wifi/add", "{\"address\":\"11:22:33:44:55:66\"}");
        tools.phone(A, "slow");
        tools.phone(B, "slow");
        HotDeployTest.await(device, "a check to hang", 5_000, () -> tools.calls("hcitool name " + A) > 0);
        for (int i = 0; i < 10; i++) {
            long t0 = System.nanoTime();
            device.getJson("/devices/status");
            device.getJson("/connections");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 1_000, "the cache answered after " + ms + " ms");
            Thread.sleep(200);
        }
        tools.stations("11:22:33:44:55:66");
        HotDeployTest.await(device, "Wi-Fi presence while Bluetooth hangs", 15_000,
                () -> device.getJson("/devices/status").get("wifi").get("11:22:33:44:55:66").asBoolean());
        long calls = tools.calls("hcitool name " + A);
        HotDeployTest.await(device, "polls going on, each check killed at 3 s", 20_000,
                () -> tools.calls("hcitool name " + A) >= calls + 2);
    }

    private static int warnings(String transport) throws Exception {
        Matcher m = WARNING.matcher(device.log());
        int n = 0;
        while (m.find()) {
            n += m.group(1).equals(transport) ? 1 : 0;
        }
        return n;
    }

    private static void assertError(int status, HttpResponse<String> r, String what) throws Exception {
        assertEquals(status, r.statusCode(), what + ": " + r.body());
        assertTrue(device.json(r).get("error").isTextual(), what + ": " + r.body());
    }
}
