package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.securitycam.bench.HtmlCorpus;
import org.securitycam.bench.RawHttp;

/**
 * What Jetty refuses before any resource runs is JSON too: ambiguous and malformed URIs, paths with dot segments
 * (refused, not resolved), oversized headers, and chunked bodies over 256 KiB (413 on every route, like declared
 * ones).
 */
class JsonBelowTheApiTest extends OneDeviceTest {
    @Test
    void everyAnswerToTheCorpusIsJson() throws Exception {
        List<String> html = new ArrayList<>();
        for (String path : HtmlCorpus.PATHS) {
            for (String token : new String[] { null, device.token() }) {
                RawHttp r = RawHttp.get(device.port, path, token);
                if (!r.isJson() || !r.body().startsWith("{")) {
                    html.add(path + (token == null ? "" : " (token)") + " -> " + r);
                }
                if (r.status() >= 400) {
                    assertTrue(Device.JSON.readTree(r.body()).get("error").isTextual(), path + " -> " + r);
                }
            }
        }
        assertTrue(html.isEmpty(), "not JSON: " + html);
    }

    @Test
    void dotSegmentsAreRefusedNotResolved() throws Exception {
        for (String path : List.of("/./sensor/status", "/x/../sensor/status", "/sensor/./status")) {
            RawHttp r = RawHttp.get(device.port, path, device.token());
            assertEquals(400, r.status(), path + " -> " + r);
            assertTrue(r.body().contains("segments"), r.body());
        }
    }

    @Test
    void oversizedHeadersAreJson() throws Exception {
        RawHttp r = RawHttp.exchange(device.port, "GET /sensor/status HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "b".repeat(64 * 1024) + "\r\nConnection: close\r\n\r\n", null);
        assertTrue(r.status() == 431 || r.status() == 400, r.toString());
        assertTrue(r.isJson(), r.toString());
        RawHttp bad = RawHttp.exchange(device.port, "GET /sensor/status HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", null);
        assertEquals(400, bad.status(), bad.toString());
        assertTrue(bad.isJson(), bad.toString());
    }

    @Test
    void aChunkedBodyOver256KiBIs413OnEveryRoute() throws Exception {
        for (String path : HtmlCorpus.POST_ROUTES) {
            RawHttp r = RawHttp.chunkedPost(device.port, path, device.token(), 300 * 1024);
            assertEquals(413, r.status(), path + " -> " + r);
            assertTrue(r.isJson(), path + " -> " + r);
            assertTrue(r.body().contains("256 KiB"), path + " -> " + r);
        }
        RawHttp fits = RawHttp.chunkedPost(device.port, "/settings", device.token(), 200 * 1024);
        assertEquals(200, fits.status(), fits.toString());
    }
}
