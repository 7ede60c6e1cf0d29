package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Brute force against /auth/validate: after five failures even the right password gets 429 with Retry-After. */
class LoginThrottleApiTest {
    @TempDir
    Path dir;

    private static HttpResponse<String> login(Device d, String password) throws Exception {
        return d.sendAnonymous(HttpRequest.newBuilder(d.uri("/auth/validate")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + password + "\"}")));
    }

    @Test
    void fiveFailuresThrottleTheClient() throws Exception {
        try (Device d = Device.start(dir.resolve("home"))) {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, login(d, "guess-" + i).statusCode());
            }
            HttpResponse<String> r = login(d, Device.PASSWORD);
            assertEquals(429, r.statusCode(), r.body());
            long retry = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retry > 0 && retry <= 30, "Retry-After " + retry);
            assertTrue(d.json(r).get("error").asText().contains("Too many failed attempts"));
            assertEquals(200, d.get("/sensor/status").statusCode(), "a valid token still works meanwhile");
        }
    }
}
