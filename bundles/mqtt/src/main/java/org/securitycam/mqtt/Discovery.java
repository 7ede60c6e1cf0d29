package org.securitycam.mqtt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Home Assistant's discovery configs for one device: a retained config per entity under
 * {@code <prefix>/<component>/<node_id>/<object_id>/config}, each with its {@code unique_id}, the availability topic
 * and the one {@code device} block they all share. Pure, so that it is tested without a broker.
 */
final class Discovery {
    /** One config message; {@code config} is the JSON object to publish. */
    record Config(String topic, Map<String, Object> config) {
    }

    /** What Home Assistant shows about the device itself. */
    record DeviceInfo(String name, String model, String manufacturer, String swVersion) {
    }

    private Discovery() {
    }

    /** Home Assistant's device class for a sensor type: what the entity's icon and wording say. */
    static String deviceClass(String sensorType) {
        return switch (sensorType == null ? "" : sensorType) {
            case "reed", "hall" -> "door";
            case "pir" -> "motion";
            case "vibration", "knock" -> "vibration";
            default -> "safety";
        };
    }

    /** Every config of the device, in a fixed order. */
    static List<Config> configs(TopicNames topics, String prefix, DeviceInfo info, String sensorType) {
        String node = topics.nodeId();
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("identifiers", List.of(node));
        device.put("name", info.name());
        device.put("model", info.model());
        device.put("manufacturer", info.manufacturer());
        device.put("sw_version", info.swVersion());

        List<Config> out = new ArrayList<>();
        Map<String, Object> sensor = entity(topics, device, TopicNames.SENSOR, "Sensor");
        sensor.put("state_topic", topics.of(TopicNames.SENSOR));
        sensor.put("payload_on", "ON");
        sensor.put("payload_off", "OFF");
        sensor.put("device_class", deviceClass(sensorType));
        out.add(config(prefix, "binary_sensor", node, TopicNames.SENSOR, sensor));

        Map<String, Object> recording = entity(topics, device, TopicNames.RECORDING, "Recording");
        recording.put("state_topic", topics.of(TopicNames.RECORDING));
        recording.put("payload_on", "ON");
        recording.put("payload_off", "OFF");
        recording.put("device_class", "running");
        out.add(config(prefix, "binary_sensor", node, TopicNames.RECORDING, recording));

        Map<String, Object> presence = entity(topics, device, TopicNames.PRESENCE, "Owner home");
        presence.put("state_topic", topics.of(TopicNames.PRESENCE));
        presence.put("payload_on", "home");
        presence.put("payload_off", "away");
        presence.put("device_class", "presence");
        out.add(config(prefix, "binary_sensor", node, TopicNames.PRESENCE, presence));

        Map<String, Object> armed = entity(topics, device, TopicNames.ARMED, "Armed");
        armed.put("state_topic", topics.of(TopicNames.ARMED));
        armed.put("command_topic", topics.armedSet());
        armed.put("payload_on", "ON");
        armed.put("payload_off", "OFF");
        out.add(config(prefix, "switch", node, TopicNames.ARMED, armed));

        Map<String, Object> take = entity(topics, device, "take_snapshot", "Take snapshot");
        take.put("command_topic", topics.snapshotTake());
        take.put("payload_press", "PRESS");
        out.add(config(prefix, "button", node, "take_snapshot", take));

        Map<String, Object> image = entity(topics, device, TopicNames.SNAPSHOT, "Snapshot");
        image.put("image_topic", topics.of(TopicNames.SNAPSHOT));
        image.put("content_type", "image/jpeg");
        out.add(config(prefix, "image", node, TopicNames.SNAPSHOT, image));

        Map<String, Object> temp = entity(topics, device, "cpu_temp", "CPU temperature");
        temp.put("state_topic", topics.of(TopicNames.SYSTEM));
        temp.put("value_template", "{{ value_json.cpu_temp_celsius }}");
        temp.put("device_class", "temperature");
        temp.put("unit_of_measurement", "°C");
        temp.put("state_class", "measurement");
        out.add(config(prefix, "sensor", node, "cpu_temp", temp));

        Map<String, Object> disk = entity(topics, device, "disk", "Disk usage");
        disk.put("state_topic", topics.of(TopicNames.SYSTEM));
        disk.put("value_template", "{{ value_json.disk_percent }}");
        disk.put("unit_of_measurement", "%");
        disk.put("state_class", "measurement");
        disk.put("icon", "mdi:harddisk");
        out.add(config(prefix, "sensor", node, "disk", disk));
        return out;
    }

    private static Map<String, Object> entity(TopicNames topics, Map<String, Object> device, String object,
            String name) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("unique_id", topics.nodeId() + "_" + object);
        e.put("availability_topic", topics.availability());
        e.put("payload_available", TopicNames.ONLINE);
        e.put("payload_not_available", TopicNames.OFFLINE);
        e.put("device", device);
        return e;
    }

    private static Config config(String prefix, String component, String node, String object,
            Map<String, Object> config) {
        return new Config(prefix + "/" + component + "/" + node + "/" + object + "/config", config);
    }
}
