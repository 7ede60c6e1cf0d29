package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/** Every failure is {"error": ...} JSON with the right status, never HTML. */
class ErrorShapeTest extends OneDeviceTest {
    private static void assertError(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        assertTrue(device.json(r).get("error").isTextual(), r.body());
        assertFalse(r.body().contains("<html"), r.body());
    }

    @Test
    void unknownRouteIs404Json() throws Exception {
        assertError(device.get("/no/such/route"), 404);
    }

    @Test
    void wrongMethodIs405Json() throws Exception {
        assertError(device.get("/sensor/enable"), 405);
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        assertError(device.post("/sensor/configure", "type=mock", "application/x-www-form-urlencoded"), 415);
        assertError(device.post("/settings", "{}", "text/plain"), 415);
    }

    @Test
    void bodyOver256KiBIs413() throws Exception {
        String big = "{\"x\":\"" + "a".repeat(300 * 1024) + "\"}";
        // Its own client: the server refuses before reading the body and closes that connection, which must
        // not be pooled for the other tests.
        HttpClient own = HttpClient.newHttpClient();
        HttpResponse<String> r = own.send(HttpRequest.newBuilder(device.uri("/settings"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + device.token()).POST(HttpRequest.BodyPublishers.ofString(big)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(r, 413);
    }

    @Test
    void malformedJsonIs400() throws Exception {
        assertError(device.post("/settings", "{\"Sensor\": {"), 400);
        assertError(device.post("/settings", "\"just a string\""), 400);
        assertError(device.post("/settings", "{\"a\":1} trailing"), 400);
    }

    @Test
    void deepNestingIs400Not500() throws Exception {
        String deep = "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);
        assertError(device.post("/settings", deep), 400);
    }

    @Test
    void noServerBanner() throws Exception {
        HttpResponse<String> r = device.send(HttpRequest.newBuilder(device.uri("/sensor/status")).GET());
        assertTrue(r.headers().firstValue("Server").isEmpty(), r.headers().toString());
    }

    @Test
    void aRouteWithoutBodyRefusesOneButTakesAnEmptyObject() throws Exception {
        assertError(device.post("/sensor/mock/release", "{\"surprise\":1}"), 400);
        assertEquals(200, device.post("/sensor/enable", "{}").statusCode());
        assertEquals(200, device.post("/sensor/enable", null).statusCode());
    }

    @Test
    void otherOriginsAreRefusedByDefault() throws Exception {
        HttpResponse<String> r = device.send(HttpRequest.newBuilder(device.uri("/settings"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST"));
        assertError(r, 403);
        r = device.send(HttpRequest.newBuilder(device.uri("/sensor/status")).header("Origin", "http://evil.example"));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), r.headers().toString());
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
    }
}
