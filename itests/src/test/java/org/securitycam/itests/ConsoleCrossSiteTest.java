package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Web Console request that changes something is refused (403 JSON) unless its Origin, or failing that its
 * Referer, is the device's own origin, with the password as with the token; reading is not affected. The action
 * is harmless: starting a bundle that is already active.
 */
class ConsoleCrossSiteTest extends OneDeviceTest {
    private static String bundle;

    @BeforeAll
    static void findBundle() throws Exception {
        JsonNode list = device.getJson("/system/console/bundles.json");
        for (JsonNode b : list.get("data")) {
            if (b.get("symbolicName").asText().equals("securitycam.gpio.sim")) {
                bundle = "/system/console/bundles/" + b.get("id").asText();
            }
        }
        assertTrue(bundle != null, "no gpio.sim bundle in " + list);
    }

    private static HttpResponse<String> start(String header, String value, boolean password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(device.uri(bundle))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=start"));
        if (header != null) {
            b.header(header, value);
        }
        if (password) {
            String basic = Base64.getEncoder().encodeToString(("x:" + Device.PASSWORD).getBytes(StandardCharsets.UTF_8));
            return device.sendAnonymous(b.header("Authorization", "Basic " + basic));
        }
        return device.send(b);
    }

    private static String own() {
        return "http://127.0.0.1:" + device.port;
    }

    @Test
    void aForeignOriginIsRefused() throws Exception {
        for (boolean password : new boolean[] { true, false }) {
            HttpResponse<String> r = start("Origin", "http://evil.example", password);
            assertEquals(403, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            assertTrue(r.body().contains("evil.example"), r.body());
        }
        assertEquals(403, start("Origin", "null", true).statusCode());
        assertEquals(403, start("Origin", "http://127.0.0.1:" + (device.port + 1), true).statusCode());
        assertEquals(403, start("Origin", "https://127.0.0.1:" + device.port, true).statusCode());
    }

    @Test
    void aForeignRefererWithoutOriginIsRefused() throws Exception {
        assertEquals(403, start("Referer", "http://evil.example/page?x=1", true).statusCode());
    }

    @Test
    void noOriginAtAllIsRefused() throws Exception {
        HttpResponse<String> r = start(null, null, true);
        assertEquals(403, r.statusCode(), r.body());
    }

    @Test
    void theConsolesOwnPageIsServed() throws Exception {
        assertEquals(200, start("Origin", own(), true).statusCode());
        assertEquals(200, start("Origin", own(), false).statusCode());
        HttpResponse<String> fromPage = start("Referer", own() + "/system/console/bundles", true);
        assertEquals(200, fromPage.statusCode(), fromPage.body());
    }

    @Test
    void readingIsNotAffected() throws Exception {
        HttpResponse<String> r = device.send(HttpRequest.newBuilder(device.uri("/system/console/bundles.json"))
                .header("Origin", "http://evil.example").GET());
        assertEquals(200, r.statusCode());
    }
}
