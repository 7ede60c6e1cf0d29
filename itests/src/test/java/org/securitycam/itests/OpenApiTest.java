package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code GET /openapi.json} describes every route the REST whiteboard of the running device registers, by method and
 * path template, and it is itself behind the token: a route added without being described fails here.
 */
class OpenApiTest {
    private static final Set<String> OPEN = Set.of("GET /auth/status", "POST /auth/validate");

    @TempDir
    Path dir;

    @Test
    void everyRegisteredRouteIsDescribedAndTheDescriptionNeedsTheToken() throws Exception {
        try (EmbeddedDevice d = EmbeddedDevice.start(dir)) {
            d.await("the API", "/auth/status", null, s -> s.contains("enabled"));
            String token = Device.JSON.readTree(Files.readString(d.home.resolve("settings/settings.json")))
                    .get("Auth").get("token").asText();
            d.await("the sensor routes", "/sensor/status", token, s -> s.contains("armed"));
            d.await("the description", "/openapi.json", token, s -> s.contains("\"paths\""));

            HttpResponse<String> anonymous = d.send(HttpRequest.newBuilder(d.uri("/openapi.json")).GET());
            assertEquals(401, anonymous.statusCode(), anonymous.body());
            assertTrue(Device.JSON.readTree(anonymous.body()).path("error").isTextual(), anonymous.body());
            HttpResponse<String> wrong = d.send(HttpRequest.newBuilder(d.uri("/openapi.json?token=wrong")).GET());
            assertEquals(401, wrong.statusCode(), wrong.body());

            // The token as a query parameter, as a browser opening the description would send it.
            HttpResponse<String> r = d.send(HttpRequest.newBuilder(d.uri("/openapi.json?token=" + token)).GET());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                    r.headers().toString());
            JsonNode api = Device.JSON.readTree(r.body());
            assertTrue(api.path("openapi").asText().startsWith("3."), "an OpenAPI 3 document: " + api.path("openapi"));
            Set<String> described = operations(api);

            Set<String> registered = new TreeSet<>();
            WhiteboardRoutes.rest(d).forEach(route -> registered.add(template(route)));
            assertTrue(registered.size() >= 50 && registered.contains("GET /openapi.json"),
                    "the enumeration found the routes: " + registered);
            List<String> missing = new ArrayList<>(registered);
            missing.removeAll(described);
            assertEquals(List.of(), missing, "registered routes missing from /openapi.json");

            // What the description says about auth and errors is what the gate does.
            JsonNode schemes = api.path("components").path("securitySchemes");
            assertEquals("bearer", schemes.path("bearer").path("scheme").asText(), schemes.toString());
            assertEquals("token", schemes.path("query").path("name").asText(), schemes.toString());
            for (String route : registered) {
                JsonNode op = operation(api, route);
                boolean open = OPEN.contains(route);
                assertEquals(open, op.path("responses").path("401").isMissingNode() && op.has("security"),
                        route + (open ? " is open" : " needs the token") + ": " + op);
                if (route.startsWith("POST ")) {
                    assertTrue(op.path("responses").has("400"), route + " refuses bad input: " + op);
                }
            }
            JsonNode error = api.path("components").path("schemas").path("Error");
            assertEquals("error", error.path("required").path(0).asText(), error.toString());
            JsonNode videoPath = parameter(operation(api, "GET /stream_video"), "video_path");
            assertTrue(videoPath.path("description").asText().contains("real path"), videoPath.toString());
        }
    }

    /** A route with its path parameters as bare names, whatever pattern a resource gives one. */
    private static String template(String route) {
        return route.replaceAll("\\{\\s*([^}:\\s]+)\\s*(:[^}]*)?}", "{$1}");
    }

    private static Set<String> operations(JsonNode api) {
        Set<String> out = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(
                    method -> out.add(template(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        }
        return out;
    }

    private static JsonNode operation(JsonNode api, String route) {
        int space = route.indexOf(' ');
        return api.path("paths").path(route.substring(space + 1)).path(route.substring(0, space).toLowerCase(Locale.ROOT));
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        for (JsonNode p : operation.path("parameters")) {
            if (name.equals(p.path("name").asText())) {
                return p;
            }
        }
        return Device.JSON.missingNode();
    }
}
