package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.securitycam.bench.RawHttp;

/**
 * A dashboard left open does not wear the SD card: 1,000 successful GETs add nothing to the device log at the
 * default level, while a request that changes something or fails gets its line (without the query string).
 */
class RequestLogVolumeTest extends OneDeviceTest {
    private static final List<String> DASHBOARD = List.of("/sensor/status", "/recording_status", "/settings",
            "/auth/status", "/sensor/types");

    private static long logSize() throws Exception {
        Path log = device.home.resolve("logs/api/security-cam.log");
        return Files.size(log);
    }

    @Test
    void successfulGetsWriteNothing() throws Exception {
        for (String path : DASHBOARD) {
            assertEquals(200, device.get(path).statusCode(), path);
        }
        Thread.sleep(500);
        long before = logSize();
        String logBefore = device.log();
        for (int i = 0; i < 1000; i++) {
            assertEquals(200, device.get(DASHBOARD.get(i % DASHBOARD.size())).statusCode());
        }
        Thread.sleep(500);
        String added = device.log().substring(logBefore.length());
        for (String path : DASHBOARD) {
            assertFalse(added.contains(" GET " + path), "logged: " + added);
        }
        assertTrue(logSize() - before < 1000, (logSize() - before) + " bytes for 1,000 GETs:\n" + added);
    }

    @Test
    void changesAndFailuresAreLoggedWithoutTheQuery() throws Exception {
        String logBefore = device.log();
        assertEquals(200, device.post("/settings", "{\"dashboard_refresh\":5}").statusCode());
        assertEquals(404, device.send(HttpRequest.newBuilder(device.uri("/no/such?token=" + device.token())).GET())
                .statusCode());
        assertEquals(400, RawHttp.get(device.port, "//sensor/status", null).status());
        Thread.sleep(300);
        String added = device.log().substring(logBefore.length());
        assertTrue(added.contains("[INFO] http.request: 127.0.0.1 POST /settings 200"), added);
        assertTrue(added.contains("GET /no/such 404"), added);
        assertTrue(added.lines().anyMatch(l -> l.contains("[INFO] http.request: 127.0.0.1 GET /") && l.contains(" 400 ")),
                "no line for the refused ambiguous path: " + added);
        assertFalse(added.contains(device.token()), "the token reached the log: " + added);
    }
}
