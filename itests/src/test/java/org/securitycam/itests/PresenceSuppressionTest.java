package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The owner's phone at home silences the alarm, end to end: a tracked phone answers the Bluetooth presence check,
 * so a trigger is suppressed and records nothing; once the phone has missed 3 polls (1 s apart here), the next
 * trigger records.
 */
class PresenceSuppressionTest {
    private static final String PHONE = "AA:BB:CC:DD:EE:01";

    @TempDir
    Path dir;

    @Test
    void aPresentPhoneSuppressesTheTriggerAndAfterThreeMissedPollsTheNextOneRecords() throws Exception {
        FakeTools tools = FakeTools.in(dir);
        Path home = dir.resolve("home");
        FakeTools.configure(home, "securitycam.presence", "poll.seconds=1\n");
        try (Device d = Device.startWithEnvironment(home, tools.environment())) {
            assertEquals(200, d.post("/devices/bt/add", "{\"address\":\"aa:bb:cc:dd:ee:01\",\"name\":\"Owner\"}").statusCode());
            assertEquals("[{\"address\":\"" + PHONE + "\",\"name\":\"Owner\"}]",
                    d.getJson("/settings").get("TARGET_BT_ADDRESSES").toString(), "stored upper case");
            assertTrue(tools.calls().contains("bluetoothctl --agent NoInputNoOutput --timeout 30 pair " + PHONE));
            assertTrue(tools.calls().contains("bluetoothctl trust " + PHONE));
            assertFalse(d.getJson("/devices/status").get("bt").get(PHONE).asBoolean(), "not answering yet");

            tools.phone(PHONE, "present");
            HotDeployTest.await(d, "the phone present", 10_000,
                    () -> d.getJson("/devices/status").get("bt").get(PHONE).asBoolean());
            d.post("/sensor/configure", "{\"type\":\"mock\",\"hold_seconds\":0}");
            try (SseClient events = new SseClient(d)) {
                events.await("connections", 10_000);
                assertEquals(200, d.post("/sensor/mock/trigger", null).statusCode());
                JsonNode state = null;
                for (long end = System.currentTimeMillis() + 10_000; System.currentTimeMillis() < end;) {
                    state = events.await("sensor_state", 10_000).data();
                    if (state.get("triggered").asBoolean()) {
                        break;
                    }
                }
                assertTrue(state.get("suppressed").asBoolean(), "sensor_state shows it: " + state);
                assertFalse(state.get("recording_from_sensor").asBoolean());
            }
            JsonNode status = d.getJson("/sensor/status");
            assertTrue(status.get("triggered").asBoolean());
            assertTrue(status.get("suppressed").asBoolean());
            assertFalse(status.get("recording_from_sensor").asBoolean());
            Thread.sleep(1_000);
            assertFalse(d.getJson("/recording_status").get("recording").asBoolean(), "nothing records");
            d.post("/sensor/mock/release", null);
            assertFalse(d.getJson("/sensor/status").get("suppressed").asBoolean(), "release clears suppressed");

            long before = tools.calls("hcitool name " + PHONE);
            tools.phone(PHONE, "absent");
            HotDeployTest.await(d, "the phone gone", 15_000,
                    () -> !d.getJson("/devices/status").get("bt").get(PHONE).asBoolean());
            long misses = tools.calls("hcitool name " + PHONE) - before;
            assertTrue(misses >= 3, "gone after " + misses + " missed polls");

            d.post("/sensor/mock/trigger", null);
            HotDeployTest.await(d, "a sensor recording", 10_000,
                    () -> d.getJson("/sensor/status").get("recording_from_sensor").asBoolean());
            assertFalse(d.getJson("/sensor/status").get("suppressed").asBoolean());
            d.post("/sensor/mock/release", null);
            HotDeployTest.await(d, "the recording to stop", 10_000,
                    () -> !d.getJson("/recording_status").get("recording").asBoolean());
            String log = d.log();
            assertTrue(log.contains("Tracked device " + PHONE + " (Owner) arrived (bt)"), "the log says it arrived");
            assertTrue(log.contains("Tracked device " + PHONE + " (Owner) left (bt)"), "and left");
            java.util.List<String> history = new java.util.ArrayList<>();
            d.getJson("/event_history?hours=1").forEach(e -> history.add(e.get("type").asText() + " "
                    + e.path("detail").asText()));
            assertTrue(history.contains("device_arrived " + PHONE + " (Owner) over bt"), history.toString());
            assertTrue(history.contains("device_left " + PHONE + " (Owner) over bt"), history.toString());
        }
    }
}
