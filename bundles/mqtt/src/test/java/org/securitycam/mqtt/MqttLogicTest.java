package org.securitycam.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.securitycam.api.settings.InvalidSettingsException;

/** Topic names, the discovery payloads, the backoff, the offline buffer, the settings rules and the payloads. */
class MqttLogicTest {
    private static final TopicNames TOPICS = new TopicNames("security-cam/garage");
    private static final Discovery.DeviceInfo INFO = new Discovery.DeviceInfo("security-cam garage", "security-cam",
            "security-cam", "0.1.0");

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void topicsAreBelowTheBase() {
        assertEquals("security-cam/garage/availability", TOPICS.availability());
        assertEquals("security-cam/garage/sensor", TOPICS.of(TopicNames.SENSOR));
        assertEquals(List.of("security-cam/garage/armed/set", "security-cam/garage/recording/set",
                "security-cam/garage/snapshot/take"), TOPICS.commands());
        assertEquals("security-cam_garage", TOPICS.nodeId());
        assertEquals("a_b_c_d", new TopicNames("a/b.c d").nodeId());
        assertEquals("pi-4-hall", TopicNames.level("Pi.4 Hall"));
        assertEquals("device", TopicNames.level(" "));
        for (String bad : List.of("", "a/+/b", "a/#", "/a", "a/", "a//b", "$SYS/x", "a b")) {
            assertFalse(TopicNames.isBase(bad), bad);
        }
        assertTrue(TopicNames.isBase("security-cam/garage"));
    }

    @Test
    void discoveryHasOneDeviceBlockAndUniqueIds() {
        List<Discovery.Config> configs = Discovery.configs(TOPICS, "homeassistant", INFO, "reed");
        assertEquals(8, configs.size());
        Set<Object> ids = new HashSet<>();
        Object device = configs.get(0).config().get("device");
        for (Discovery.Config c : configs) {
            assertTrue(c.topic().matches("homeassistant/[a-z_]+/security-cam_garage/[a-z_]+/config"), c.topic());
            assertTrue(ids.add(c.config().get("unique_id")), "unique ids");
            assertEquals("security-cam/garage/availability", c.config().get("availability_topic"));
            assertEquals(device, c.config().get("device"));
        }
        assertEquals(List.of("security-cam_garage"), ((Map<?, ?>) device).get("identifiers"));
        assertEquals("door", configs.get(0).config().get("device_class"));
        assertEquals("{{ value_json.cpu_temp_celsius }}", configs.get(6).config().get("value_template"));
        assertEquals("security-cam/garage/snapshot", configs.get(5).config().get("image_topic"));
        assertEquals("security-cam/garage/armed/set", configs.get(3).config().get("command_topic"));
    }

    @Test
    void deviceClassFollowsTheSensorType() {
        assertEquals("door", Discovery.deviceClass("hall"));
        assertEquals("motion", Discovery.deviceClass("pir"));
        assertEquals("vibration", Discovery.deviceClass("vibration"));
        assertEquals("vibration", Discovery.deviceClass("knock"));
        assertEquals("safety", Discovery.deviceClass("mock"));
        assertEquals("safety", Discovery.deviceClass(null));
    }

    @Test
    void backoffDoublesFromOneToSixtySecondsAndResets() {
        Backoff b = new Backoff();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            waits.add(b.failed());
        }
        assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 60_000L, 60_000L, 60_000L), waits);
        b.succeeded();
        assertEquals(1_000L, b.failed());
    }

    @Test
    void statesKeepTheirNewestValueAndEventsAreCapped() throws Exception {
        Outbox o = new Outbox();
        o.state("sensor", b("ON"));
        o.state("sensor", b("OFF"));
        o.state("armed", b("ON"));
        o.state("armed", b("ON"));
        for (int i = 0; i < Outbox.EVENT_CAP + 25; i++) {
            o.event("events", b("e" + i));
        }
        assertEquals(2 + Outbox.EVENT_CAP, o.size());
        assertEquals(25, o.dropped());
        assertEquals("OFF", new String(o.take(0, TimeUnit.MILLISECONDS).payload(), StandardCharsets.UTF_8));
        assertEquals("armed", o.take(0, TimeUnit.MILLISECONDS).name());
        assertEquals("e25", new String(o.take(0, TimeUnit.MILLISECONDS).payload(), StandardCharsets.UTF_8),
                "the oldest events went");
        assertNull(new Outbox().take(10, TimeUnit.MILLISECONDS));
    }

    @Test
    void aConnectResendsDiscoveryAndEveryNewestState() throws Exception {
        Outbox o = new Outbox();
        o.state("sensor", b("ON"));
        o.state("armed", b("OFF"));
        o.take(0, TimeUnit.MILLISECONDS);
        o.take(0, TimeUnit.MILLISECONDS);
        o.resend();
        assertEquals(Outbox.DISCOVERY, o.take(0, TimeUnit.MILLISECONDS).name());
        assertEquals("sensor", o.take(0, TimeUnit.MILLISECONDS).name());
        Outbox.Item armed = o.take(0, TimeUnit.MILLISECONDS);
        assertArrayEquals(b("OFF"), armed.payload());
        o.putBack(armed);
        assertEquals("armed", o.take(0, TimeUnit.MILLISECONDS).name());
        o.state("armed", b("ON"));
        o.putBack(armed);
        assertArrayEquals(b("ON"), o.take(0, TimeUnit.MILLISECONDS).payload(), "a newer value wins over a put back");
        assertNull(o.take(0, TimeUnit.MILLISECONDS));
    }

    @Test
    void settingsAreCheckedStrictly() {
        MqttSettings d = MqttSettings.defaults("pi");
        assertEquals("security-cam/pi", d.baseTopic());
        assertEquals(d, MqttSettings.validate(Map.of(), d));
        MqttSettings s = MqttSettings.validate(Map.of("enabled", true, "host", "broker.lan", "port", 8883, "tls", true),
                d);
        assertEquals("ssl://broker.lan:8883", s.uri());
        assertEquals("broker.lan:8883", s.broker());
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("enabled", true), Map.of("port", 0),
                Map.of("port", 1883.0), Map.of("port", "1883"), Map.of("tls", "yes"), Map.of("base_topic", "a/#"),
                Map.of("discovery_prefix", ""), Map.of("host", "a b"), Map.of("ca_file", "ca.pem"),
                Map.of("colour", "red"))) {
            assertThrows(InvalidSettingsException.class, () -> MqttSettings.validate(bad, d), bad.toString());
        }
        assertEquals(MqttSettings.FIELDS, List.copyOf(d.toMap().keySet()));
    }

    @Test
    void payloads() {
        assertEquals(Boolean.TRUE, Payloads.onOff(b("ON\n")));
        assertEquals(Boolean.FALSE, Payloads.onOff(b("OFF")));
        assertNull(Payloads.onOff(b("on")));
        assertNull(Payloads.onOff(b("")));
        assertTrue(Payloads.home(Map.of("bluetooth", Map.of("online", 0L, "total", 1), "wifi", Map.of("online", 1L))));
        assertFalse(Payloads.home(Map.of("bluetooth", Map.of("online", 0L), "wifi", Map.of("online", 0L))));
        Map<String, Object> system = Payloads.system(Map.of("cpu_temp_celsius", 51.5,
                "storage_info_gb", Map.of("total_gb", 32.0, "used_gb", 8.0),
                "ram_usage_mb", Map.of("total_mb", 0, "used_mb", 10)), "warn");
        assertEquals(51.5, system.get("cpu_temp_celsius"));
        assertEquals(25.0, system.get("disk_percent"));
        assertNull(system.get("ram_percent"));
        assertEquals("warn", system.get("overall"));
        assertEquals(Map.of("ts", "t", "type", "boot"), Payloads.event(Map.of("ts", "t", "type", "boot",
                "severity", "info")));
        assertEquals("\"a?b\"", Payloads.shown(b("a\nb")));
        assertEquals(Payloads.SHOWN_CHARS + 5, Payloads.shown(b("x".repeat(100))).length());
    }
}
