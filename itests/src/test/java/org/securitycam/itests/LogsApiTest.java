package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The log routes on the running device: its own log (entries it wrote, filters, limits, rotated files), MediaMTX's
 * log, the script logs and the paths that must not lead out of them.
 */
class LogsApiTest extends OneDeviceTest {
    private static final String TS = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";

    private static Path logs() {
        return device.home.resolve("logs");
    }

    /** Writes a log file as a writer that finished a while ago left it. */
    private static void writeOld(Path file, String text, long ageMillis) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - ageMillis));
    }

    private static void assertError(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.body());
        assertTrue(device.json(r).get("error").isTextual(), r.body());
    }

    private static List<String> messages(JsonNode entries) {
        List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.get("message").asText()));
        return out;
    }

    @Test
    void theDevicesOwnEntriesAppearNewestFirst() throws Exception {
        for (String route : List.of("/logs/api", "/logs")) {
            JsonNode entries = device.getJson(route + "?source=securitycam.launcher");
            List<String> messages = messages(entries);
            assertTrue(messages.get(messages.size() - 1).startsWith("Starting security-cam, profile dev"),
                    route + ": " + messages);
            for (JsonNode e : entries) {
                assertTrue(e.get("ts").asText().matches(TS), e.toString());
                assertEquals("INFO", e.get("level").asText());
                assertEquals("securitycam.launcher", e.get("source").asText());
            }
        }
        JsonNode all = device.getJson("/logs/api");
        String previous = "9999";
        for (JsonNode e : all) {
            assertTrue(List.of("DEBUG", "INFO", "WARNING", "ERROR").contains(e.get("level").asText()), e.toString());
            assertTrue(e.get("ts").asText().compareTo(previous) <= 0, "newest first: " + e + " after " + previous);
            previous = e.get("ts").asText();
        }
    }

    @Test
    void filtersFindARequestTheDeviceLogged() throws Exception {
        String marker = "no-such-route-" + UUID.randomUUID();
        assertEquals(404, device.get("/" + marker).statusCode());
        String search = "/logs/api?search=" + marker.toUpperCase();
        HotDeployTest.await(device, "the request line in the log", 10_000,
                () -> device.getJson(search).size() == 1);
        JsonNode line = device.getJson(search).get(0);
        assertEquals("INFO", line.get("level").asText());
        assertEquals("http.request", line.get("source").asText());
        assertTrue(line.get("message").asText().contains("GET /" + marker + " 404"), line.toString());

        assertEquals(1, device.getJson(search + "&source=HTTP.Request&level=info").size());
        assertEquals(0, device.getJson(search + "&source=http").size(), "source is an exact match");
        assertEquals(0, device.getJson(search + "&level=ERROR").size());
        JsonNode requests = device.getJson("/logs/api?source=http.request&level=INFO&limit=3");
        assertEquals(3, requests.size());
        requests.forEach(e -> assertEquals("http.request", e.get("source").asText()));
        assertEquals(1, device.getJson("/logs/api?limit=1").size());
    }

    @Test
    void limitDefaultsTo500IsCappedAt2000AndBadValuesAre400() throws Exception {
        StringBuilder old = new StringBuilder();
        for (int n = 0; n < 3000; n++) {
            old.append(String.format("2020-01-01 00:%02d:%02d [DEBUG] old.rotated: entry %d%n", n / 60 % 60, n % 60, n));
        }
        writeOld(logs().resolve("api/security-cam.log.3"), old.toString(), 3_600_000);
        assertEquals(500, device.getJson("/logs/api").size());
        JsonNode capped = device.getJson("/logs/api?limit=5000");
        assertEquals(2000, capped.size());
        assertEquals("entry 2999", device.getJson("/logs/api?source=old.rotated&limit=1").get(0).get("message")
                .asText(), "the rotated file comes after the current one, newest first");
        assertEquals("old.rotated", capped.get(1999).get("source").asText());
        for (String route : List.of("/logs/api", "/logs", "/logs/mediamtx")) {
            for (String bad : List.of("limit=abc", "limit=0", "limit=-5", "limit=1.5", "limit=", "level=LOUD")) {
                assertError(device.get(route + "?" + bad), 400);
            }
        }
        Files.delete(logs().resolve("api/security-cam.log.3"));
    }

    @Test
    void mediamtxLevelsAreNormalisedAndTheSourceDefaults() throws Exception {
        writeOld(logs().resolve("mediamtx/mediamtx.log"), """
                2026/04/01 09:00:00 INF MediaMTX v1.9.0
                2026/04/01 09:00:01 INF [RTSP] listener opened on :8554 (TCP)
                2026/04/01 09:00:02 DBG [path cam] [RTSP source] started
                2026/04/01 09:00:03 WAR [RTSP] [conn 10.0.0.5:51000] closed: EOF
                2026/04/01 09:00:04 ERR [path cam] [RTSP source] unable to connect
                  a continuation line
                """, 60_000);
        JsonNode all = device.getJson("/logs/mediamtx");
        assertEquals(5, all.size());
        assertEquals("{\"ts\":\"2026-04-01 09:00:04\",\"level\":\"ERROR\",\"source\":\"path cam\","
                + "\"message\":\"[RTSP source] unable to connect\\n  a continuation line\"}", all.get(0).toString());
        assertEquals("WARNING", all.get(1).get("level").asText());
        assertEquals("DEBUG", all.get(2).get("level").asText());
        assertEquals("mediamtx", all.get(4).get("source").asText());
        assertEquals(List.of("MediaMTX v1.9.0"), messages(device.getJson("/logs/mediamtx?source=MediaMTX")));
        assertEquals(List.of("listener opened on :8554 (TCP)"),
                messages(device.getJson("/logs/mediamtx?level=info&search=8554&source=rtsp")));
    }

    @Test
    void scriptLogsAreListedNewestFirstAndServedAsText() throws Exception {
        writeOld(logs().resolve("install/2026-04-01_09-51-07.log"), "installing\ndone\n", 3_000_000);
        writeOld(logs().resolve("update/2026-04-01_10-00-00.log"), "updated\n", 2_000_000);
        writeOld(logs().resolve("ap-setup/2026-03-28_14-30-00.log"), "access point\n", 1_000_000);
        writeOld(logs().resolve("install/readme.txt"), "not a log\n", 0);
        writeOld(logs().resolve("mediamtx/other.log"), "parsed elsewhere\n", 0);
        for (String route : List.of("/logs/install", "/logs/scripts")) {
            JsonNode list = device.getJson(route);
            assertEquals(3, list.size(), list.toString());
            assertEquals("{\"name\":\"ap-setup/2026-03-28_14-30-00.log\",\"size\":13,\"category\":\"ap-setup\"}",
                    list.get(0).toString());
            assertEquals("update/2026-04-01_10-00-00.log", list.get(1).get("name").asText());
            assertEquals("install/2026-04-01_09-51-07.log", list.get(2).get("name").asText());
            assertEquals(16, list.get(2).get("size").asInt());
        }
        HttpResponse<String> r = device.get("/logs/script/install/2026-04-01_09-51-07.log");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
        assertEquals("installing\ndone\n", r.body());
    }

    @Test
    void nothingOutsideTheScriptLogsIsServed() throws Exception {
        writeOld(logs().resolve("install/ok.log"), "fine\n", 0);
        writeOld(logs().resolve("mediamtx/mediamtx.log"), "2026/04/01 09:00:00 INF mediamtx secret\n", 0);
        Path outside = dir.resolve("outside");
        writeOld(outside.resolve("secret.log"), "outside secret\n", 0);
        Files.createSymbolicLink(logs().resolve("install/escape.log"), outside.resolve("secret.log"));
        Files.createSymbolicLink(logs().resolve("install/device.log"), logs().resolve("api/security-cam.log"));
        Files.createSymbolicLink(logs().resolve("linked"), outside);
        Files.writeString(logs().resolve("top.log"), "outside the categories secret\n");

        List<String> routed = List.of("/logs/script/api/security-cam.log", "/logs/script/API/security-cam.log",
                "/logs/script/%61pi/security-cam.log", "/logs/script/mediamtx/mediamtx.log",
                "/logs/script/install/escape.log", "/logs/script/install/device.log",
                "/logs/script/linked/secret.log", "/logs/script/install/readme.txt", "/logs/script/install/none.log",
                "/logs/script/install", "/logs/script/top.log");
        for (String path : routed) {
            HttpResponse<String> r = device.get(path);
            assertError(r, 404);
            assertFalse(r.body().contains("secret") || r.body().contains("Starting"), path + ": " + r.body());
        }
        // Dot segments, encoded separators, dots, backslashes and NULs: refused before any route.
        List<String> encoded = List.of("/logs/script/install/../../api/security-cam.log",
                "/logs/script/install/../../../outside/secret.log", "/logs/script/./top.log", "/logs/script/install/..",
                "/logs/script/install/..%2F..%2Fapi%2Fsecurity-cam.log",
                "/logs/script/..%2Fapi/security-cam.log", "/logs/script/%2e%2e/api/security-cam.log",
                "/logs/script/install/%2e%2e%2f%2e%2e%2fapi%2fsecurity-cam.log",
                "/logs/script/install/..%5C..%5Capi%5Csecurity-cam.log", "/logs/script/install%5C..%5Capi/security-cam.log",
                "/logs/script/install/..%252F..%252Fapi%252Fsecurity-cam.log", "/logs/script/install/ok.log%00",
                "/logs/script/install/%2Fetc%2Fpasswd", "/logs/script//etc/passwd");
        for (String path : encoded) {
            HttpResponse<String> r = device.send(HttpRequest.newBuilder(device.uri(path)).GET());
            assertTrue(r.statusCode() == 400 || r.statusCode() == 404, path + " -> " + r.statusCode());
            assertFalse(r.body().contains("secret") || r.body().contains("Starting") || r.body().contains("root:"),
                    path + ": " + r.body());
        }
        assertEquals("fine\n", device.get("/logs/script/install/ok.log").body());
    }
}
