package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every route the running device serves, as the whiteboard runtimes themselves describe them, is called without a
 * token: all but the login's two and the dashboard's page must answer 401 (the page's scripts under /assets/
 * load without it too, but a name that is not one of them, as called here, needs it). A route added later without auth fails this test. Then
 * every POST route gets a corpus of malformed bodies with a token: only 4xx, and nothing changes.
 */
class RouteSecurityTest {
    /** The login's two routes, and the dashboard's page (the servlet pattern of the root path is the empty string). */
    private static final Set<String> EXEMPT = Set.of("GET /auth/status", "POST /auth/validate", "GET ", "GET /",
            "GET /index.html");

    @TempDir
    Path dir;

    @Test
    void everyRouteNeedsTheTokenAndNoBodyBreaksOne() throws Exception {
        try (EmbeddedDevice d = EmbeddedDevice.start(dir)) {
            d.await("the API", "/auth/status", null, s -> s.contains("enabled"));
            String token = Device.JSON.readTree(Files.readString(d.home.resolve("settings/settings.json")))
                    .get("Auth").get("token").asText();
            d.await("the sensor routes", "/sensor/status", token, s -> s.contains("armed"));

            Set<String> routes = restRoutes(d);
            assertTrue(routes.size() >= 15, "the enumeration found the routes: " + routes);
            assertTrue(routes.contains("GET /sensor/status") && routes.contains("POST /settings"), routes.toString());
            routes.add("GET /system/console/bundles");
            for (String pattern : servletPatterns(d)) {
                routes.add("GET " + pattern.replace("/*", "/x"));
            }
            List<String> open = new ArrayList<>();
            for (String route : routes) {
                String method = route.substring(0, route.indexOf(' '));
                String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1");
                for (String m : method.equals("GET") ? List.of("GET", "HEAD") : List.of(method)) {
                    HttpResponse<String> r = d.send(HttpRequest.newBuilder(d.uri(path))
                            .method(m, HttpRequest.BodyPublishers.noBody()));
                    boolean exempt = EXEMPT.contains(route);
                    if (!exempt && r.statusCode() != 401) {
                        open.add(m + " " + path + " -> " + r.statusCode());
                    }
                }
            }
            assertTrue(open.isEmpty(), "reachable without a token: " + open);

            for (String trick : List.of("/sensor/status/", "/SENSOR/STATUS", "/%73ensor/status", "/x/../sensor/status",
                    "/sensor/./status", "/auth/status/../../sensor/status", "/sensor%2Fstatus", "/settings;x=1",
                    "/auth/validate/../../settings")) {
                HttpResponse<String> r = d.send(HttpRequest.newBuilder(d.uri(trick)).GET());
                assertTrue(r.statusCode() == 401 || r.statusCode() == 400, trick + " -> " + r.statusCode());
                assertFalse(r.body().contains("armed") || r.body().contains("\"Sensor\""), trick + " leaked " + r.body());
            }

            fuzz(d, token, routes);
        }
    }

    /** What the Jakarta REST whiteboard says it serves, read through its runtime service's DTOs. */
    private static Set<String> restRoutes(EmbeddedDevice d) throws Exception {
        Set<String> routes = new TreeSet<>();
        ServiceReference<?> ref = d.context().getServiceReference("org.osgi.service.jakartars.runtime.JakartarsServiceRuntime");
        Object runtime = d.context().getService(ref);
        Object dto = call(runtime, "getRuntimeDTO");
        List<Object> apps = new ArrayList<>();
        apps.add(field(dto, "defaultApplication"));
        apps.addAll(array(field(dto, "applicationDTOs")));
        for (Object app : apps) {
            if (app == null) {
                continue;
            }
            String base = String.valueOf(field(app, "base")).replaceAll("/+$", "");
            for (Object resource : array(field(app, "resourceDTOs"))) {
                for (Object m : array(field(resource, "resourceMethods"))) {
                    String path = String.valueOf(field(m, "path"));
                    routes.add(field(m, "method") + " " + base + (path.startsWith("/") ? path : "/" + path));
                }
            }
        }
        return routes;
    }

    /** What the servlet whiteboard serves besides the REST application, the Web Console among it. */
    private static Set<String> servletPatterns(EmbeddedDevice d) throws Exception {
        Set<String> patterns = new TreeSet<>();
        ServiceReference<?> ref = d.context().getServiceReference("org.osgi.service.servlet.runtime.HttpServiceRuntime");
        Object dto = call(d.context().getService(ref), "getRuntimeDTO");
        for (Object context : array(field(dto, "servletContextDTOs"))) {
            for (Object servlet : array(field(context, "servletDTOs"))) {
                for (Object p : array(field(servlet, "patterns"))) {
                    patterns.add(String.valueOf(p));
                }
            }
        }
        patterns.remove("/*");
        return patterns;
    }

    /** Malformed, truncated, wrongly typed, huge and deeply nested bodies on every POST route: 4xx, no change. */
    private static void fuzz(EmbeddedDevice d, String token, Set<String> routes) throws Exception {
        List<String> corpus = corpus();
        String before = state(d, token);
        List<String> bad = new ArrayList<>();
        int sent = 0;
        for (String route : routes) {
            if (!route.startsWith("POST ")) {
                continue;
            }
            String path = route.substring(5).replaceAll("\\{[^}]+}", "1");
            for (String body : corpus) {
                HttpRequest.Builder request = HttpRequest.newBuilder(d.uri(path))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
                // An oversized body is refused before it is read, and that connection closed: not for the pool.
                HttpResponse<String> r = body.length() > 256 * 1024
                        ? HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString())
                        : d.send(request);
                sent++;
                if (r.statusCode() < 400 || r.statusCode() >= 500) {
                    bad.add(path + " <- " + (body.length() > 60 ? body.substring(0, 60) + "..." : body) + " -> "
                            + r.statusCode());
                }
            }
        }
        assertTrue(bad.isEmpty(), bad.size() + " of " + sent + " fuzz requests were not 4xx: "
                + bad.subList(0, Math.min(bad.size(), 20)));
        assertEquals(before, state(d, token), "a refused request changed the device");
        assertTrue(sent > 1000, "only " + sent + " fuzz requests");
    }

    private static List<String> corpus() {
        List<String> c = new ArrayList<>();
        String valid = "{\"type\":\"mock\",\"gpio\":4,\"enabled\":true,\"Sensor\":{\"hold_seconds\":3},"
                + "\"password\":\"x\",\"current\":\"a\",\"new\":\"bbbb\",\"high\":true}";
        for (int i = 1; i < valid.length(); i += 3) {
            c.add(valid.substring(0, i)); // truncated
        }
        for (String v : List.of("null", "true", "0", "-1", "1e999", "\"text\"", "[]", "[{}]", "[1,2,3]", "{", "}",
                "{,}", "{\"a\"}", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "{\"a\":1}{\"b\":2}", "{\"a\":1} x",
                "\u0000", "{\"a\":\"\\ud800\",\"Sensor\":5}", "{\"a\":NaN}", "{\"a\":01}", "{\"a\":1,\"a\":2,\"Sensor\":5}")) {
            c.add(v);
        }
        for (String key : List.of("Sensor", "StorageLimit", "Timelapse", "Auth", "VideoSaveLocation", "type", "gpio",
                "password", "current", "high", "enabled", "calibration")) {
            for (String wrong : List.of("5", "-1", "4.5", "\"5\"", "\"yes\"", "[]", "{}", "null", "true",
                    "\"" + "z".repeat(70_000) + "\"", "99999999999999999999999")) {
                c.add("{\"" + key + "\":" + wrong + ",\"Sensor\":\"wrong\",\"type\":5,\"password\":5,\"high\":\"x\"}");
            }
        }
        c.add("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + ",\"Sensor\":5}");
        c.add("{\"a\":" + "{\"b\":".repeat(100) + "1" + "}".repeat(100) + ",\"Sensor\":5}");
        c.add("{\"a\":\"" + "x".repeat(300 * 1024) + "\"}");
        return c;
    }

    private static String state(EmbeddedDevice d, String token) throws Exception {
        JsonNode settings = Device.JSON.readTree(d.await("settings", "/settings", token, s -> true));
        JsonNode status = Device.JSON.readTree(d.await("status", "/sensor/status", token, s -> true));
        return settings.toString() + status.get("config") + status.get("enabled") + status.get("triggered");
    }

    private static Object call(Object target, String method) throws Exception {
        Method m = target.getClass().getMethod(method);
        m.setAccessible(true);
        return m.invoke(target);
    }

    private static Object field(Object target, String name) throws Exception {
        return target.getClass().getField(name).get(target);
    }

    private static List<Object> array(Object array) {
        List<Object> list = new ArrayList<>();
        if (array != null) {
            for (int i = 0; i < Array.getLength(array); i++) {
                list.add(Array.get(array, i));
            }
        }
        return list;
    }
}
