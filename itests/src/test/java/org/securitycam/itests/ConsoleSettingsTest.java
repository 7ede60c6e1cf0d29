package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * settings.json and Config Admin as one configuration, through the Web Console's own HTTP interface (what its
 * configuration page sends): an edit lands in settings.json through the owner's rules with one write, a refused
 * edit is put back and logged, a REST change shows in the form at once, no form holds a secret, and a password
 * field takes a secret without ever showing it.
 */
class ConsoleSettingsTest {
    private static final String SENSOR = "securitycam.sensor";

    @TempDir
    Path dir;

    @Test
    void theSensorIsEditedInTheConsoleAndRestChangesShowThere() throws Exception {
        try (Device d = Device.start(dir.resolve("home"))) {
            JsonNode form = form(d, SENSOR);
            assertEquals("mock", value(form, "type").asText());
            List<String> offered = new ArrayList<>();
            form.get("properties").get("type").get("type").get("values").forEach(v -> offered.add(v.asText()));
            assertTrue(offered.containsAll(List.of("mock", "pir", "reed_switch")), offered.toString());
            assertFalse(form.get("properties").has("calibration.sensitivity"), "the mock has no calibration");

            // Picking a sensor: the form then carries the new type's calibration, with its defaults.
            Map<String, String> fields = fields(form);
            fields.put("type", "pir");
            fields.put("gpio", "5");
            assertEquals(1, writes(d, () -> assertEquals(302, edit(d, SENSOR, fields).statusCode())));
            JsonNode sensor = stored(d).get("Sensor");
            assertEquals("pir", sensor.get("type").asText());
            assertEquals(5, sensor.get("gpio").asInt());
            assertEquals(7, sensor.get("calibration").get("sensitivity").asInt(), "the pir's defaults: " + sensor);
            form = awaitForm(d, SENSOR, f -> f.get("properties").has("calibration.sensitivity"));
            assertEquals(7, value(form, "calibration.sensitivity").asInt());

            // Setting the calibration re-arms the sensor with it.
            Map<String, String> calibrated = fields(form);
            calibrated.put("calibration.sensitivity", "3");
            calibrated.put("calibration.warmup_seconds", "0");
            assertEquals(1, writes(d, () -> {
                long start = System.nanoTime();
                assertEquals(302, edit(d, SENSOR, calibrated).statusCode());
                HotDeployTest.await(d, "the sensor re-armed with the console's calibration", 5_000, () -> {
                    JsonNode s = d.getJson("/sensor/status");
                    return s.get("armed").asBoolean()
                            && s.get("config").get("calibration").get("sensitivity").asInt() == 3;
                });
                System.out.printf("A console edit to a re-armed sensor: %d ms%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }));
            assertEquals("pir", d.getJson("/sensor/status").get("sensor").get("type").asText());

            // A refused edit changes nothing, is put back in the configuration and logged with its rule.
            byte[] before = Files.readAllBytes(settingsFile(d));
            Map<String, String> bad = fields(form(d, SENSOR));
            bad.put("gpio", "40");
            assertEquals(302, edit(d, SENSOR, bad).statusCode());
            HotDeployTest.await(d, "the refusal logged", 5_000, () -> d.log().lines().anyMatch(l ->
                    l.contains("[WARNING]") && l.contains(SENSOR) && l.contains("gpio must be an integer from 0 to 27")));
            assertEquals(5, value(awaitForm(d, SENSOR, f -> value(f, "gpio").asInt() == 5), "gpio").asInt());
            assertArrayEquals(before, Files.readAllBytes(settingsFile(d)));
            assertEquals(5, d.getJson("/sensor/status").get("config").get("gpio").asInt());

            // A REST change shows in the console's form, with one write.
            assertEquals(1, writes(d, () -> assertEquals(200,
                    d.post("/settings", "{\"Sensor\":{\"hold_seconds\":9},\"RotationAngle\":180}").statusCode())));
            assertEquals(9, value(awaitForm(d, SENSOR, f -> value(f, "hold_seconds").asInt() == 9), "hold_seconds")
                    .asInt());
            assertEquals(180, value(awaitForm(d, "securitycam.camera.image",
                    f -> value(f, "RotationAngle").asInt() == 180), "RotationAngle").asInt());
        }
    }

    @Test
    void everyOwnedSectionHasAFormAndNoneShowsASecret() throws Exception {
        try (Device d = Device.start(dir.resolve("home"))) {
            JsonNode auth = stored(d).get("Auth");
            for (String pid : List.of(SENSOR, "securitycam.camera.image", "securitycam.media.savelocation",
                    "securitycam.storage", "securitycam.timelapse", "securitycam.captiveportal",
                    "securitycam.presence.tracked",
                    "securitycam.auth")) {
                HttpResponse<String> r = console(d, HttpRequest.newBuilder(d.uri("/system/console/configMgr/" + pid
                        + "?post=true")));
                assertEquals(200, r.statusCode(), pid);
                assertFalse(r.body().contains(auth.get("token").asText()), pid + ": " + r.body());
                assertFalse(r.body().contains(auth.get("password_hash").asText()), pid + ": " + r.body());
                assertFalse(r.body().contains("password_hash") || r.body().contains("\"token\""), r.body());
            }
            assertTrue(form(d, "securitycam.media.savelocation").get("properties").has("VideoSaveLocation"));

            // The save location through the console, under the same rules as REST.
            Path videos = dir.resolve("videos");
            assertEquals(302, edit(d, "securitycam.media.savelocation",
                    Map.of("VideoSaveLocation", videos.toString())).statusCode());
            HotDeployTest.await(d, "the new save location", 5_000,
                    () -> videos.toString().equals(d.getJson("/settings").get("VideoSaveLocation").asText()));
            // As a user would, edit again once the form shows what was stored (the store writes it back).
            awaitForm(d, "securitycam.media.savelocation",
                    f -> videos.toString().equals(value(f, "VideoSaveLocation").asText()));
            assertEquals(302, edit(d, "securitycam.media.savelocation", Map.of("VideoSaveLocation", "relative"))
                    .statusCode());
            HotDeployTest.await(d, "the refusal logged", 5_000, () -> d.log().lines().anyMatch(l ->
                    l.contains("[WARNING]") && l.contains("VideoSaveLocation: must be an absolute path")));
            assertEquals(videos.toString(), d.getJson("/settings").get("VideoSaveLocation").asText());
        }
    }

    /** Sections of later features get their forms by the same rule: storage limit, timelapse, tracked devices. */
    @Test
    void theStorageLimitAndTheTrackedDevicesAreEditedInTheConsole() throws Exception {
        try (Device d = Device.start(dir.resolve("home"))) {
            JsonNode storage = form(d, "securitycam.storage");
            assertEquals(85, value(storage, "max_percent").asInt());
            Map<String, String> limit = fields(storage);
            limit.put("max_percent", "70");
            assertEquals(1, writes(d, () -> assertEquals(302, edit(d, "securitycam.storage", limit).statusCode())));
            assertEquals(70, stored(d).get("StorageLimit").get("max_percent").asInt());
            assertEquals(70, d.getJson("/storage/status").get("max_percent").asInt());
            awaitForm(d, "securitycam.storage", f -> value(f, "max_percent").asInt() == 70);
            limit.put("max_percent", "5");
            assertEquals(302, edit(d, "securitycam.storage", limit).statusCode());
            HotDeployTest.await(d, "the refused limit logged", 5_000, () -> d.log().lines().anyMatch(l ->
                    l.contains("[WARNING]") && l.contains("max_percent must be an integer from 10 to 95")));
            assertEquals(70, stored(d).get("StorageLimit").get("max_percent").asInt());

            Map<String, String> timelapse = fields(form(d, "securitycam.timelapse"));
            timelapse.put("interval_minutes", "15");
            assertEquals(302, edit(d, "securitycam.timelapse", timelapse).statusCode());
            HotDeployTest.await(d, "the console's interval", 5_000,
                    () -> d.getJson("/timelapse/status").get("interval_minutes").asInt() == 15);

            Map<String, String> tracked = fields(form(d, "securitycam.presence.tracked"));
            tracked.put("TARGET_BT_ADDRESSES", "[{\"address\": \"aa:bb:cc:dd:ee:ff\", \"name\": \"Phone\"}]");
            assertEquals(302, edit(d, "securitycam.presence.tracked", tracked).statusCode());
            HotDeployTest.await(d, "the tracked phone", 5_000, () -> "AA:BB:CC:DD:EE:FF".equals(
                    d.getJson("/settings").get("TARGET_BT_ADDRESSES").path(0).path("address").asText()));
        }
    }

    /**
     * Two saves of one form in quick succession, as an administrator who saves, changes one more field and saves
     * again: both land, whatever the store is doing with the first when the second arrives.
     */
    @Test
    void quickSuccessiveConsoleSavesAllLand() throws Exception {
        try (Device d = Device.start(dir.resolve("home"))) {
            Map<String, String> timelapse = fields(form(d, "securitycam.timelapse"));
            for (int round = 1; round <= 5; round++) {
                int interval = 10 + round;
                int fps = 10 + round;
                timelapse.put("interval_minutes", String.valueOf(interval));
                assertEquals(302, edit(d, "securitycam.timelapse", timelapse).statusCode());
                timelapse.put("fps", String.valueOf(fps));
                assertEquals(302, edit(d, "securitycam.timelapse", timelapse).statusCode());
                HotDeployTest.await(d, "both saves of round " + round, 5_000, () -> {
                    JsonNode t = d.getJson("/timelapse/status");
                    return t.get("interval_minutes").asInt() == interval && t.get("fps").asInt() == fps;
                });
                // Nothing undoes them afterwards either: settings.json and the form agree.
                awaitForm(d, "securitycam.timelapse", f -> value(f, "interval_minutes").asInt() == interval
                        && value(f, "fps").asInt() == fps);
                JsonNode stored = stored(d).get("Timelapse");
                assertEquals(interval, stored.get("interval_minutes").asInt(), stored.toString());
                assertEquals(fps, stored.get("fps").asInt(), stored.toString());
            }
        }
    }

    /**
     * The MQTT password typed into the console's password field reaches the broker, is never written back into the
     * configuration (so no file but settings.json holds it), and a later save that leaves the field as it is keeps it.
     */
    @Test
    void theMqttPasswordIsTypedInTheConsoleAndKeptOutOfTheConfiguration() throws Exception {
        String pid = "securitycam.mqtt";
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
                Device d = Device.start(dir.resolve("home"))) {
            Map<String, String> typed = fields(form(d, pid));
            assertEquals("unmodified", typed.get("password"), "the console shows no password");
            typed.put("enabled", "true");
            typed.put("host", "127.0.0.1");
            typed.put("port", String.valueOf(broker.port));
            typed.put("username", Mosquitto.USER);
            typed.put("password", Mosquitto.PASSWORD);
            typed.put("base_topic", "security-cam/console");
            assertEquals(302, edit(d, pid, typed).statusCode());
            HotDeployTest.await(d, "the MQTT connection with the typed password", 10_000,
                    () -> d.getJson("/mqtt/status").get("connected").asBoolean());
            assertEquals(Mosquitto.PASSWORD, stored(d).get("MQTT").get("password").asText());
            HotDeployTest.await(d, "the password gone from the configuration", 5_000,
                    () -> filesHolding(d.home, Mosquitto.PASSWORD).equals(List.of(settingsFile(d))));
            assertFalse(d.log().contains(Mosquitto.PASSWORD));

            // Saved again with the password field as the console shows it: the stored password stays.
            Map<String, String> again = fields(awaitForm(d, pid,
                    f -> "security-cam/console".equals(value(f, "base_topic").asText())));
            again.put("base_topic", "security-cam/console2");
            assertEquals(302, edit(d, pid, again).statusCode());
            HotDeployTest.await(d, "the reconnect under the new base topic", 10_000,
                    () -> "security-cam/console2".equals(stored(d).get("MQTT").get("base_topic").asText())
                            && d.getJson("/mqtt/status").get("connected").asBoolean());
            assertEquals(Mosquitto.PASSWORD, stored(d).get("MQTT").get("password").asText());
        }
    }

    /** The regular files under {@code root} whose bytes hold {@code text}. */
    private static List<Path> filesHolding(Path root, String text) throws Exception {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> out = new ArrayList<>();
        try (var files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                byte[] bytes = Files.readAllBytes(f);
                for (int i = 0; i + needle.length <= bytes.length; i++) {
                    if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                        out.add(f);
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** The form's current values as the console's page would post them back. */
    private static Map<String, String> fields(JsonNode form) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = form.get("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().get("value").asText());
        }
        return out;
    }

    private static JsonNode value(JsonNode form, String key) {
        return form.get("properties").get(key).get("value");
    }

    private static JsonNode form(Device d, String pid) throws Exception {
        HttpResponse<String> r = console(d, HttpRequest.newBuilder(d.uri("/system/console/configMgr/" + pid
                + "?post=true")));
        assertEquals(200, r.statusCode(), r.body());
        return d.json(r);
    }

    interface FormCheck {
        boolean holds(JsonNode form) throws Exception;
    }

    private static JsonNode awaitForm(Device d, String pid, FormCheck check) throws Exception {
        JsonNode[] last = new JsonNode[1];
        HotDeployTest.await(d, "the form of " + pid, 5_000, () -> check.holds(last[0] = form(d, pid)));
        return last[0];
    }

    /** What the console's configuration page posts on Save. */
    private static HttpResponse<String> edit(Device d, String pid, Map<String, String> fields) throws Exception {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("apply", "true");
        body.put("action", "ajaxConfigManager");
        body.put("$location", "?");
        body.put("propertylist", String.join(",", fields.keySet()));
        body.putAll(fields);
        String form = body.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        // The console's own page sends its origin, as a browser does; a request without one is refused.
        return console(d, HttpRequest.newBuilder(d.uri("/system/console/configMgr/" + pid))
                .header("Origin", "http://127.0.0.1:" + d.port)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static HttpResponse<String> console(Device d, HttpRequest.Builder b) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("admin:" + d.password()).getBytes(StandardCharsets.UTF_8));
        return d.sendAnonymous(b.header("Authorization", "Basic " + basic));
    }

    interface Action {
        void run() throws Exception;
    }

    /** How many times settings.json is replaced while {@code action} runs and the two seconds after it. */
    private static int writes(Device d, Action action) throws Exception {
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            settingsFile(d).getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            action.run();
            int count = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            for (long left; (left = deadline - System.nanoTime()) > 0;) {
                WatchKey key = watch.poll(left, TimeUnit.NANOSECONDS);
                if (key == null) {
                    break;
                }
                for (WatchEvent<?> e : key.pollEvents()) {
                    if (e.kind() == StandardWatchEventKinds.ENTRY_CREATE
                            && "settings.json".equals(String.valueOf(e.context()))) {
                        count++;
                    }
                }
                key.reset();
            }
            return count;
        }
    }

    private static Path settingsFile(Device d) {
        return d.home.resolve("settings/settings.json");
    }

    private static JsonNode stored(Device d) throws Exception {
        return Device.JSON.readTree(settingsFile(d).toFile());
    }
}
