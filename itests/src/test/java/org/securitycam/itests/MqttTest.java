package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** The device on a real mosquitto broker, watched by a real MQTT client as Home Assistant would be. */
class MqttTest {
    private static final String BASE = "security-cam/front";
    private static final List<String> CONFIGS = List.of("binary_sensor/%s/sensor", "binary_sensor/%s/recording",
            "binary_sensor/%s/presence", "switch/%s/armed", "button/%s/take_snapshot", "image/%s/snapshot",
            "sensor/%s/cpu_temp", "sensor/%s/disk");

    @TempDir
    Path tmp;

    private static void connect(Device device, Mosquitto broker, String base) throws Exception {
        assertEquals(200, device.post("/settings", broker.section(base, Mosquitto.PASSWORD)).statusCode());
        HotDeployTest.await(device, "the MQTT connection", 10_000,
                () -> device.getJson("/mqtt/status").get("connected").asBoolean());
    }

    private static String node(String base) {
        return base.replace('/', '_');
    }

    @Test
    void statesEventsSnapshotsDiscoveryAndCommands() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                Mosquitto.Subscriber ha = broker.subscribe(BASE + "/#", "homeassistant/#");
                Device device = Device.start(tmp.resolve("home"))) {
            connect(device, broker, BASE);
            ha.await("online", 5_000, m -> m.topic().equals(BASE + "/availability") && m.text().equals("online"));
            for (String state : List.of("sensor", "armed", "recording", "presence")) {
                ha.await("the retained " + state, 5_000, m -> m.topic().equals(BASE + "/" + state));
            }

            // Discovery: one device block shared by every entity, the device class of the mock sensor.
            JsonNode deviceBlock = null;
            for (String c : CONFIGS) {
                String topic = "homeassistant/" + c.formatted(node(BASE)) + "/config";
                JsonNode config = Device.JSON.readTree(ha.await(topic, 5_000, m -> m.topic().equals(topic)).payload());
                assertTrue(config.get("unique_id").asText().startsWith(node(BASE)), topic);
                assertEquals(BASE + "/availability", config.get("availability_topic").asText(), topic);
                for (String field : List.of("identifiers", "name", "model", "manufacturer", "sw_version")) {
                    assertNotNull(config.get("device").get(field), topic + " device." + field);
                }
                if (deviceBlock == null) {
                    deviceBlock = config.get("device");
                }
                assertEquals(deviceBlock, config.get("device"), topic);
            }
            JsonNode sensor = Device.JSON.readTree(ha.await("sensor config", 1_000,
                    m -> m.topic().endsWith("/sensor/config")).payload());
            assertEquals("safety", sensor.get("device_class").asText());

            // The password is never shown, and posting back what GET showed keeps it.
            String shown = device.get("/settings").body();
            assertFalse(shown.contains(Mosquitto.PASSWORD), shown);
            assertFalse(device.get("/settings/export").body().contains(Mosquitto.PASSWORD));
            JsonNode mqtt = device.getJson("/settings").get("MQTT");
            assertEquals(200, device.post("/settings", "{\"MQTT\":" + mqtt + "}").statusCode());
            assertEquals(200, device.post("/settings", "{\"MQTT\":{\"password\":\"\"}}").statusCode());
            HotDeployTest.await(device, "the connection with the kept password", 10_000,
                    () -> device.getJson("/mqtt/status").get("connected").asBoolean());

            // A trigger: ON, a JPEG, then OFF after the release; the event log's entries follow.
            int from = ha.size();
            device.post("/sensor/mock/trigger", null);
            ha.await("sensor ON", from, 5_000, m -> m.topic().equals(BASE + "/sensor") && m.text().equals("ON"));
            Mosquitto.Message jpeg = ha.await("the snapshot", from, 15_000, m -> m.topic().equals(BASE + "/snapshot"));
            assertTrue(jpeg.retained() || jpeg.payload().length > 0);
            assertEquals((byte) 0xFF, jpeg.payload()[0]);
            assertEquals((byte) 0xD8, jpeg.payload()[1]);
            device.post("/sensor/mock/release", null);
            ha.await("sensor OFF", from, 5_000, m -> m.topic().equals(BASE + "/sensor") && m.text().equals("OFF"));
            ha.await("the trigger's event", from, 5_000, m -> m.topic().equals(BASE + "/events")
                    && m.text().contains("\"sensor_triggered\"") && !m.retained());

            // Home Assistant coming online gets the configs again.
            from = ha.size();
            broker.publish("homeassistant/status", "online", false);
            ha.await("the configs again", from, 5_000, m -> m.topic().endsWith("/sensor/config"));

            // Commands: disarm, a bad payload that changes nothing, arm, a recording.
            broker.publish(BASE + "/armed/set", "OFF", false);
            HotDeployTest.await(device, "disarmed", 5_000, () -> !device.getJson("/sensor/status").get("armed").asBoolean());
            broker.publish(BASE + "/armed/set", "maybe", false);
            HotDeployTest.await(device, "the WARNING", 5_000, () -> device.log().contains("[WARNING]")
                    && device.log().contains("ignored \"maybe\""));
            assertFalse(device.getJson("/sensor/status").get("enabled").asBoolean());
            broker.publish(BASE + "/armed/set", "ON", false);
            HotDeployTest.await(device, "armed", 5_000, () -> device.getJson("/sensor/status").get("armed").asBoolean());
            HotDeployTest.await(device, "the trigger's recording to end", 60_000,
                    () -> !device.getJson("/recording_status").get("recording").asBoolean());
            broker.publish(BASE + "/recording/set", "ON", false);
            HotDeployTest.await(device, "a recording", 10_000,
                    () -> device.getJson("/recording_status").get("recording").asBoolean());
            ha.await("recording ON", 10_000, m -> m.topic().equals(BASE + "/recording") && m.text().equals("ON"));
            broker.publish(BASE + "/recording/set", "OFF", false);
            HotDeployTest.await(device, "the recording to stop", 15_000,
                    () -> !device.getJson("/recording_status").get("recording").asBoolean());

            // Discovery off: every config is removed with an empty retained payload.
            from = ha.size();
            assertEquals(200, device.post("/settings", "{\"MQTT\":{\"discovery\":false}}").statusCode());
            for (String c : CONFIGS) {
                String topic = "homeassistant/" + c.formatted(node(BASE)) + "/config";
                ha.await("the removed " + topic, from, 5_000, m -> m.topic().equals(topic) && m.payload().length == 0);
            }
            // The change ends the connection (offline) and connects again with the new values: back online, the
            // broker holds a will for the device again.
            ha.await("online again after the settings change", from, 10_000,
                    m -> m.topic().equals(BASE + "/availability") && m.text().equals("online"));

            // A power cut: the broker publishes the will.
            from = ha.size();
            device.powerCut();
            ha.await("the will", from, 90_000, m -> m.topic().equals(BASE + "/availability")
                    && m.text().equals("offline"));
        }
    }

    @Test
    void brokerStoppedMidRunThenBack() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                Device device = Device.start(tmp.resolve("home"))) {
            connect(device, broker, BASE);
            broker.stop();
            HotDeployTest.await(device, "the lost connection", 10_000,
                    () -> !device.getJson("/mqtt/status").get("connected").asBoolean());
            device.post("/sensor/mock/trigger", null);
            HotDeployTest.await(device, "a recording while the broker is down", 5_000,
                    () -> device.getJson("/recording_status").get("recording").asBoolean());
            assertNotNull(device.getJson("/mqtt/status").get("last_error"));
            broker.launch(); // no persistence: the broker forgot every retained message
            try (Mosquitto.Subscriber ha = broker.subscribe(BASE + "/#")) {
                HotDeployTest.await(device, "the reconnect", 40_000,
                        () -> device.getJson("/mqtt/status").get("connected").asBoolean());
                ha.await("the newest sensor state", 5_000, m -> m.topic().equals(BASE + "/sensor") && m.text().equals("ON"));
                ha.await("the newest recording state", 5_000,
                        m -> m.topic().equals(BASE + "/recording") && m.text().equals("ON"));
                for (String state : List.of("armed", "presence", "availability")) {
                    ha.await("the " + state, 5_000, m -> m.topic().equals(BASE + "/" + state));
                }
            }
        }
    }

    @Test
    void wrongPasswordIsReportedAndBackedOff() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                Device device = Device.start(tmp.resolve("home"))) {
            assertEquals(200, device.post("/settings", broker.section(BASE, "wrong")).statusCode());
            HotDeployTest.await(device, "last_error", 10_000, () -> device.getJson("/mqtt/status").path("last_error")
                    .asText().contains("refused"));
            String error = device.getJson("/mqtt/status").get("last_error").asText();
            assertTrue(error.contains("refused the user name or password"), error);
            Thread.sleep(12_000);
            // 1, 2, 4, 8 s apart: at most five attempts in the first 15 s, and one WARNING for all of them.
            Matcher refused = Pattern.compile("not authori[sz]ed|bad user name or password").matcher(broker.log());
            int attempts = 0;
            while (refused.find()) {
                attempts++;
            }
            assertTrue(attempts >= 2 && attempts <= 5, "attempts: " + attempts + "\n" + broker.log());
            assertEquals(1, count(device.log(), "refused the user name or password"), device.log());
            assertFalse(device.log().contains("wrong"), "the password is never logged");
            assertEquals(200, device.get("/sensor/status").statusCode());
        }
    }

    @Test
    void aSilentBrokerNeverGetsInTheWay() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                Device device = Device.start(tmp.resolve("home"))) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = silent.accept();
                        synchronized (accepted) {
                            accepted.add(s);
                        }
                    }
                } catch (java.io.IOException closed) {
                    // the test ended
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String section = "{\"MQTT\":{\"enabled\":true,\"host\":\"127.0.0.1\",\"port\":" + silent.getLocalPort()
                    + ",\"base_topic\":\"" + BASE + "\"}}";
            assertEquals(200, device.post("/settings", section).statusCode());
            HotDeployTest.await(device, "the connection attempt", 5_000, () -> {
                synchronized (accepted) {
                    return !accepted.isEmpty();
                }
            });
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                assertEquals(200, device.get("/sensor/status").statusCode());
                assertEquals(200, device.get("/mqtt/status").statusCode());
                assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "the API waited on the broker");
            }
            device.post("/sensor/mock/trigger", null);
            HotDeployTest.await(device, "the trigger", 2_000, () -> device.getJson("/sensor/status").get("triggered").asBoolean());
            device.post("/sensor/mock/release", null);
            assertFalse(device.getJson("/mqtt/status").get("connected").asBoolean());
            // A settings change is taken within 2 s, even in the middle of the hanging connect.
            long t0 = System.currentTimeMillis();
            assertEquals(200, device.post("/settings", broker.section(BASE, Mosquitto.PASSWORD)).statusCode());
            HotDeployTest.await(device, "the new broker", 4_000,
                    () -> device.getJson("/mqtt/status").get("connected").asBoolean());
            assertTrue(System.currentTimeMillis() - t0 < 4_000);
            synchronized (accepted) {
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }

    @Test
    void twoDevicesOnOneBrokerStayApart() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                Mosquitto.Subscriber ha = broker.subscribe("security-cam/#", "homeassistant/#");
                Device a = Device.start(tmp.resolve("a"));
                Device b = Device.start(tmp.resolve("b"))) {
            connect(a, broker, "security-cam/garage");
            connect(b, broker, "security-cam/porch");
            for (String base : List.of("security-cam/garage", "security-cam/porch")) {
                String topic = "homeassistant/sensor/" + node(base) + "/disk/config"; // the last one
                ha.await(topic, 5_000, m -> m.topic().equals(topic));
            }
            Set<String> devices = new HashSet<>();
            Set<String> ids = new HashSet<>();
            int configs = 0;
            for (Mosquitto.Message m : ha.all()) {
                if (m.topic().startsWith("homeassistant/") && m.payload().length > 0) {
                    JsonNode c = Device.JSON.readTree(m.payload());
                    devices.add(c.get("device").get("identifiers").toString());
                    ids.add(c.get("unique_id").asText());
                    configs++;
                }
            }
            assertEquals(2, devices.size(), devices.toString());
            assertEquals(2 * CONFIGS.size(), ids.size(), "unique ids of " + configs + " configs");
            int from = ha.size();
            a.post("/sensor/mock/trigger", null);
            ha.await("the garage's ON", from, 5_000,
                    m -> m.topic().equals("security-cam/garage/sensor") && m.text().equals("ON"));
            a.post("/sensor/mock/release", null);
            ha.await("the garage's OFF", from, 5_000,
                    m -> m.topic().equals("security-cam/garage/sensor") && m.text().equals("OFF"));
            assertTrue(ha.all().subList(from, ha.size()).stream()
                    .noneMatch(m -> m.topic().equals("security-cam/porch/sensor")), "the porch stayed quiet");
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
