package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** The auth routes' shapes and codes, as a dashboard or script meets them. */
class AuthApiTest {
    @TempDir
    Path dir;

    private static HttpResponse<String> anonymous(Device d, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(d.uri(path));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return d.sendAnonymous(b);
    }

    private static HttpResponse<String> withToken(Device d, String token, String path) throws Exception {
        return d.sendAnonymous(HttpRequest.newBuilder(d.uri(path)).header("Authorization", "Bearer " + token));
    }

    @Test
    void tokensPasswordsAndTheirRoutes() throws Exception {
        try (Device d = Device.start(dir.resolve("home"))) {
            JsonNode status = d.json(anonymous(d, "GET", "/auth/status", null));
            assertTrue(status.get("enabled").asBoolean());
            assertTrue(status.get("valid").isNull());
            assertFalse(d.json(anonymous(d, "GET", "/auth/status?token=nope", null)).get("valid").asBoolean());
            assertTrue(d.json(anonymous(d, "GET", "/auth/status?token=" + d.token(), null)).get("valid").asBoolean());

            for (String path : new String[] { "/sensor/status", "/settings", "/no/such/route", "/sensor/types" }) {
                HttpResponse<String> r = anonymous(d, "GET", path, null);
                assertEquals(401, r.statusCode(), path);
                assertEquals("Unauthorized", d.json(r).get("error").asText());
                assertEquals(401, anonymous(d, "HEAD", path, null).statusCode(), "HEAD " + path);
            }
            assertEquals(401, withToken(d, "x" + d.token(), "/sensor/status").statusCode());
            assertEquals(200, d.get("/sensor/status?token=" + d.token()).statusCode());
            assertEquals(404, d.get("/no/such/route").statusCode(), "with a token an unknown path is 404");

            HttpResponse<String> r = anonymous(d, "POST", "/auth/validate", "{\"password\":\"wrong\"}");
            assertEquals(200, r.statusCode());
            assertEquals("{\"valid\":false}", r.body());
            assertEquals(400, anonymous(d, "POST", "/auth/validate", "{\"password\":5}").statusCode());
            assertEquals(400, anonymous(d, "POST", "/auth/validate", "{\"pass\":\"x\"}").statusCode());

            String old = d.token();
            r = d.post("/auth/regenerate", null);
            assertEquals(200, r.statusCode(), r.body());
            String fresh = d.json(r).get("token").asText();
            assertEquals(401, withToken(d, old, "/sensor/status").statusCode(), "the old token is invalidated");
            assertEquals(200, withToken(d, fresh, "/sensor/status").statusCode());
            d.useToken(fresh);
            assertEquals(401, anonymous(d, "POST", "/auth/regenerate", null).statusCode());

            assertEquals(403, d.post("/auth/set-password", "{\"current\":\"nope\",\"new\":\"abcdef\"}").statusCode());
            assertEquals(400, d.post("/auth/set-password",
                    "{\"current\":\"" + Device.PASSWORD + "\",\"new\":\"abc\"}").statusCode());
            assertEquals(400, d.post("/auth/set-password",
                    "{\"current\":\"" + Device.PASSWORD + "\",\"new\":\"" + "x".repeat(129) + "\"}").statusCode());
            r = d.post("/auth/set-password", "{\"current\":\"" + Device.PASSWORD + "\",\"new\":\"new-secret-1\"}");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("Password updated", d.json(r).get("message").asText());
            assertFalse(d.json(anonymous(d, "POST", "/auth/validate",
                    "{\"password\":\"" + Device.PASSWORD + "\"}")).get("valid").asBoolean());
            JsonNode login = d.json(anonymous(d, "POST", "/auth/validate", "{\"password\":\"new-secret-1\"}"));
            assertTrue(login.get("valid").asBoolean());
            assertEquals(fresh, login.get("token").asText());

            JsonNode settings = d.getJson("/settings");
            assertFalse(settings.get("Auth").has("password_hash"), settings.get("Auth").toString());
            assertEquals(fresh, settings.get("Auth").get("token").asText(), "the dashboard shows the token");
            assertEquals(200, d.post("/settings", "{\"Auth\":{\"password_hash\":\"pbkdf2_sha256$1$AA$AA\"}}").statusCode(),
                    "a hash in Auth is ignored");
            assertTrue(d.json(anonymous(d, "POST", "/auth/validate", "{\"password\":\"new-secret-1\"}")).get("valid")
                    .asBoolean(), "the ignored hash did not replace the password");

            r = d.post("/settings", "{\"Auth\":{\"enabled\":false}}");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(200, anonymous(d, "GET", "/sensor/status", null).statusCode(), "auth off: open");
            r = anonymous(d, "POST", "/settings", "{\"Auth\":{\"enabled\":true}}");
            assertEquals(200, r.statusCode(), r.body());
            String issued = d.json(r).get("token").asText();
            assertEquals(401, withToken(d, fresh, "/sensor/status").statusCode(), "switching on issues a new token");
            assertEquals(200, withToken(d, issued, "/sensor/status").statusCode());
            d.useToken(issued);

            String log = d.log();
            for (String secret : new String[] { Device.PASSWORD, "new-secret-1", old, fresh, issued }) {
                assertFalse(log.contains(secret), "a secret reached the log");
            }
            String file = Files.readString(d.home.resolve("settings/settings.json"));
            assertFalse(file.contains("new-secret-1") || file.contains(Device.PASSWORD), "no clear password on disk");
        }
    }

    @Test
    void theWebConsoleTakesTheDevicePasswordOrTheTokenButNeverAdminAdmin() throws Exception {
        try (Device d = Device.start(dir.resolve("home"))) {
            HttpResponse<String> r = anonymous(d, "GET", "/system/console/bundles", null);
            assertEquals(401, r.statusCode());
            assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
            assertEquals(401, basic(d, "admin", "admin").statusCode());
            assertEquals(200, basic(d, "anyone", Device.PASSWORD).statusCode());
            assertEquals(200, withToken(d, d.token(), "/system/console/bundles").statusCode());
        }
    }

    private static HttpResponse<String> basic(Device d, String user, String password) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return d.sendAnonymous(HttpRequest.newBuilder(d.uri("/system/console/bundles"))
                .header("Authorization", "Basic " + credentials));
    }

    @Test
    void aGeneratedInitialPasswordIsPrivateAndResetAuthStartsOver() throws Exception {
        Path home = dir.resolve("home");
        try (Device d = Device.startWithGeneratedPassword(home)) {
            Path file = home.resolve("settings/initial-password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String first = d.password();
            assertEquals(12, first.length());
            assertFalse(d.log().contains(first), "the console says where the password is, not what it is");
            assertTrue(d.log().contains("initial-password"));
            assertFalse(Files.readString(home.resolve("settings/settings.json")).contains(first));

            Files.writeString(home.resolve("reset-auth"), "");
            d.restart();
            assertFalse(Files.exists(home.resolve("reset-auth")), "the recovery file is consumed");
            String second = d.password();
            assertFalse(first.equals(second));
            assertFalse(d.json(anonymous(d, "POST", "/auth/validate", "{\"password\":\"" + first + "\"}"))
                    .get("valid").asBoolean());
            assertTrue(d.json(anonymous(d, "POST", "/auth/validate", "{\"password\":\"" + second + "\"}"))
                    .get("valid").asBoolean());
        }
    }
}
