package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The health routes and alerts on faked sources: a thermal zone file, a vcgencmd script and a block device's
 * life_time under a temporary folder, configured through FileInstall. Every interval is a second, except the
 * system_info one, which keeps its 10 s.
 */
class SystemHealthTest {
    @TempDir
    static Path dir;
    static Device device;
    static SystemFakes fakes;

    @BeforeAll
    static void start() throws Exception {
        fakes = new SystemFakes(dir.resolve("fakes"));
        Path home = dir.resolve("home");
        fakes.configure(home);
        device = Device.start(home);
        HotDeployTest.await(device, "the fake sources", 20_000,
                () -> device.getJson("/system_info").path("cpu_temp_celsius").asDouble() == 64.9
                        && device.getJson("/system_alert_state").path("values").path("sd_health").asInt() == 1);
    }

    @AfterAll
    static void stop() throws Exception {
        device.close();
    }

    @Test
    void everyMetricIsThereWithTheShapesOfTheApi() throws Exception {
        JsonNode info = device.getJson("/system_info");
        assertEquals(Set.of("cpu_temp_celsius", "cpu_load_percent", "storage_info_gb", "ram_usage_mb",
                "uptime_seconds", "throttle", "sd_health"), names(info));
        assertTrue(info.get("storage_info_gb").get("total_gb").asDouble() > 0);
        assertTrue(info.get("ram_usage_mb").get("total_mb").isIntegralNumber());
        assertTrue(info.get("uptime_seconds").isIntegralNumber());
        assertEquals("0x0", info.get("throttle").get("raw").asText());
        assertFalse(info.get("throttle").get("active").asBoolean());
        assertEquals(1, info.get("sd_health").get("life_time_est").asInt());
        assertEquals("mmcblk0", info.get("sd_health").get("device").asText());

        JsonNode extended = device.getJson("/system_info?extended=1");
        assertEquals(device.getJson("/system_stats").size(), extended.get("extended").size());
        JsonNode stats = extended.get("extended");
        for (String key : List.of("hostname", "cpu_count", "cpu_percent_per_core", "boot_time", "net_bytes_sent",
                "net_bytes_recv", "swap_total_mb", "load_avg_1m", "load_avg_5m", "load_avg_15m", "os", "kernel",
                "architecture", "java_version", "git_branch", "git_commit")) {
            assertTrue(stats.has(key), "system_stats lacks " + key + ": " + stats);
        }
        assertEquals(400, device.get("/system_info?extended=maybe").statusCode());

        JsonNode state = device.getJson("/system_alert_state");
        assertEquals("ok", state.get("overall").asText());
        assertEquals(Set.of("cpu_temp", "throttle", "storage", "sd_health"), names(state.get("alerts")));
        assertEquals(Set.of("cpu_temp", "throttle", "storage", "sd_health"), names(state.get("values")));
        assertEquals(64.9, state.get("values").get("cpu_temp").asDouble());
        assertEquals(state.get("alerts"), device.getJson("/system/alert").get("alerts"), "the alias");
    }

    @Test
    void eachTransitionGoesOutOnceAndNothingElse() throws Exception {
        List<String> expected = new ArrayList<>();
        List<SseFrames.Frame> got = new ArrayList<>();
        try (SseFrames events = new SseFrames(device)) {
            // The temperature across both thresholds, and a move inside a level that must stay quiet.
            step(events, got, expected, () -> fakes.temperature("65000"), "cpu_temp ok>warn", "warn");
            quiet(events, got, () -> fakes.temperature("79900"));
            step(events, got, expected, () -> fakes.temperature("80000"), "cpu_temp warn>critical", "critical");
            step(events, got, expected, () -> fakes.temperature("64900"), "cpu_temp critical>ok", "ok");
            // Each flag that is set now is critical; a flag that only happened since boot is not.
            for (String flag : List.of("0x1", "0x2", "0x4", "0x8")) {
                step(events, got, expected, () -> fakes.throttled(flag), "throttle ok>critical", "critical");
                step(events, got, expected, () -> fakes.throttled("0x0"), "throttle critical>ok", "ok");
            }
            quiet(events, got, () -> fakes.throttled("0x50000"));
            step(events, got, expected, () -> fakes.lifeTime("0x03 0x01"), "sd_health ok>warn", "warn");
            step(events, got, expected, () -> fakes.lifeTime("0x0B 0x0B"), "sd_health warn>critical", "critical");
            step(events, got, expected, () -> fakes.lifeTime("0x01 0x02"), "sd_health critical>ok", "ok");
            quiet(events, got, () -> fakes.throttled("0x0"));
        }
        List<String> transitions = new ArrayList<>();
        for (SseFrames.Frame f : got) {
            for (JsonNode t : f.data().get("transitions")) {
                transitions.add(t.get("metric").asText() + " " + t.get("from").asText() + ">" + t.get("to").asText());
            }
            assertEquals(Set.of("overall", "alerts", "transitions", "values", "ts"), names(f.data()));
            OffsetDateTime.parse(f.data().get("ts").asText());
        }
        assertEquals(expected, transitions, "one system_alert per transition, none without one");
        JsonNode history = device.getJson("/event_history?hours=1");
        long alerts = 0;
        for (JsonNode e : history) {
            if (e.get("type").asText().equals("system_alert")) {
                alerts++;
            }
        }
        assertEquals(expected.size(), alerts, "every transition is in the event log: " + history);
    }

    interface Change {
        void apply() throws Exception;
    }

    /** Makes a change and waits for its one transition; the level named is the metric's new one. */
    private static void step(SseFrames events, List<SseFrames.Frame> got, List<String> expected, Change change,
            String transition, String level) throws Exception {
        change.apply();
        SseFrames.Frame f = events.next("system_alert", 10_000);
        got.add(f);
        expected.add(transition);
        String metric = transition.substring(0, transition.indexOf(' '));
        assertEquals(level, f.data().get("alerts").get(metric).asText(), f.data().toString());
        assertEquals(level, device.getJson("/system_alert_state").get("alerts").get(metric).asText());
    }

    /** Makes a change that moves no level, and collects whatever system_alert comes within 3 s (none should). */
    private static void quiet(SseFrames events, List<SseFrames.Frame> got, Change change) throws Exception {
        change.apply();
        got.addAll(events.all("system_alert", 3_000));
    }

    @Test
    void systemInfoArrivesOnTheEventStreamEveryTenSeconds() throws Exception {
        try (SseFrames events = new SseFrames(device)) {
            SseFrames.Frame first = events.next("system_info", 15_000);
            SseFrames.Frame second = events.next("system_info", 15_000);
            SseFrames.Frame third = events.next("system_info", 15_000);
            assertEquals(names(device.getJson("/system_info")), names(first.data()));
            for (long gap : new long[] { second.arrived() - first.arrived(), third.arrived() - second.arrived() }) {
                assertTrue(gap > 8_000_000_000L && gap < 12_000_000_000L, "a gap of " + gap / 1_000_000 + " ms");
            }
        }
    }

    @Test
    void aHangingVcgencmdDelaysNoRouteAndGoesStaleSinceItsLastAnswer() throws Exception {
        Files.createFile(fakes.dir.resolve("hang"));
        try {
            HotDeployTest.await(device, "the throttle to go stale", 15_000,
                    () -> device.getJson("/system_alert_state").path("stale").has("throttle"));
            // Each of these would wait for the hung command, which sleeps for a minute, if a route read it.
            for (int i = 0; i < 5; i++) {
                assertEquals(200, device.get("/system_info").statusCode());
                assertEquals(200, device.get("/system_alert_state").statusCode());
            }
            JsonNode stale = device.getJson("/system_alert_state").get("stale").get("throttle");
            OffsetDateTime since = OffsetDateTime.parse(stale.get("since").asText());
            assertTrue(since.isBefore(OffsetDateTime.now()), stale.toString());
            assertTrue(stale.get("reason").asText().contains("vcgencmd"), stale.toString());
            assertEquals("0x0", device.getJson("/system_info").get("throttle").get("raw").asText(),
                    "the last value stays");
        } finally {
            Files.delete(fakes.dir.resolve("hang"));
        }
        HotDeployTest.await(device, "the throttle to be fresh again", 15_000,
                () -> !device.getJson("/system_alert_state").path("stale").has("throttle"));
        assertTrue(fakes.runs("vcgencmd").stream().allMatch("get_throttled"::equals), fakes.runs("vcgencmd").toString());
    }

    @Test
    void healthHistoryTakesSamplesAndRefusesBadHours() throws Exception {
        HotDeployTest.await(device, "two health samples", 10_000, () -> device.getJson("/health_history").size() >= 2);
        JsonNode sample = device.getJson("/health_history?hours=1").get(0);
        assertEquals(Set.of("ts", "status", "temp", "load", "ram_pct", "throttle_active"), names(sample));
        OffsetDateTime.parse(sample.get("ts").asText());
        for (String bad : List.of("abc", "0", "-3", "0.5", "NaN")) {
            var r = device.get("/health_history?hours=" + bad);
            assertEquals(400, r.statusCode(), bad + ": " + r.body());
            assertTrue(device.json(r).get("error").asText().contains("hours"));
            assertEquals(400, device.get("/event_history?hours=" + bad).statusCode(), bad);
            assertEquals(400, device.get("/event_history/csv?hours=" + bad).statusCode(), bad);
        }
        assertEquals(200, device.get("/health_history?hours=100000").statusCode(), "capped, not refused");
        assertEquals(200, device.get("/event_history?hours=100000").statusCode(), "capped, not refused");
    }

    @Test
    void theSensorAndItsRecordingsAreInTheEventLog() throws Exception {
        assertEquals(200, device.post("/sensor/configure", "{\"type\":\"mock\",\"hold_seconds\":0}").statusCode());
        device.post("/sensor/mock/trigger", null);
        awaitEvents("sensor_triggered", "recording_started");
        device.post("/sensor/mock/release", null);
        awaitEvents("sensor_released", "recording_stopped");
        device.post("/sensor/disable", null);
        awaitEvents("sensor_disarmed");
        device.post("/sensor/enable", null);
        HotDeployTest.await(device, "sensor_armed after sensor_disarmed", 10_000, () -> {
            List<String> types = types();
            return types.lastIndexOf("sensor_armed") > types.lastIndexOf("sensor_disarmed");
        });
        for (JsonNode e : device.getJson("/event_history?hours=1")) {
            if (e.get("type").asText().equals("recording_started")) {
                assertEquals("reason: sensor", e.get("detail").asText());
            }
        }
    }

    private static void awaitEvents(String... types) throws Exception {
        HotDeployTest.await(device, String.join(" and ", types) + " in the event log", 15_000,
                () -> types().containsAll(List.of(types)));
    }

    private static List<String> types() throws Exception {
        List<String> out = new ArrayList<>();
        device.getJson("/event_history?hours=1").forEach(e -> out.add(e.get("type").asText()));
        return out;
    }

    static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }
}
