package org.securitycam.mqtt;

import java.util.List;

/**
 * The device's topics below its base topic, and the names Home Assistant knows it by. A state's topic is the base
 * and the state's name ({@code <base>/sensor}); a command's topic adds {@code /set} or {@code /take}.
 */
record TopicNames(String base) {
    static final String AVAILABILITY = "availability";
    static final String SENSOR = "sensor";
    static final String ARMED = "armed";
    static final String RECORDING = "recording";
    static final String PRESENCE = "presence";
    static final String SYSTEM = "system";
    static final String SNAPSHOT = "snapshot";
    static final String EVENTS = "events";
    /** The retained states, in the order they are published on connect. */
    static final List<String> STATES = List.of(SENSOR, ARMED, RECORDING, PRESENCE, SYSTEM, SNAPSHOT);

    static final String ONLINE = "online";
    static final String OFFLINE = "offline";

    String availability() {
        return of(AVAILABILITY);
    }

    /** The topic of a state or of the events. */
    String of(String name) {
        return base + "/" + name;
    }

    String armedSet() {
        return of(ARMED) + "/set";
    }

    String recordingSet() {
        return of(RECORDING) + "/set";
    }

    String snapshotTake() {
        return of(SNAPSHOT) + "/take";
    }

    /** The commands the device subscribes to. */
    List<String> commands() {
        return List.of(armedSet(), recordingSet(), snapshotTake());
    }

    /**
     * The node id of the device in Home Assistant's discovery topics and its unique ids: the base topic with every
     * character Home Assistant does not take there ({@code [a-zA-Z0-9_-]} only) as {@code _}, so two devices with
     * their own base topics never share one.
     */
    String nodeId() {
        StringBuilder b = new StringBuilder(base.length());
        for (char c : base.toCharArray()) {
            b.append(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' ? c
                    : '_');
        }
        return b.toString();
    }

    /**
     * Whether {@code topic} can have topics built below it: not empty, no wildcard, no space or control character,
     * no empty level, and not starting with {@code $} (the broker's own topics).
     */
    static boolean isBase(String topic) {
        if (topic.isEmpty() || topic.startsWith("$") || topic.startsWith("/") || topic.endsWith("/")
                || topic.contains("//")) {
            return false;
        }
        return topic.chars().noneMatch(c -> c <= ' ' || c == '+' || c == '#' || c == 0x7f);
    }

    /** A host name as one topic level: lower case, and every character other than a-z, 0-9, - and _ as -. */
    static String level(String hostname) {
        StringBuilder b = new StringBuilder();
        for (char c : hostname.trim().toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            b.append(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' ? c : '-');
        }
        return b.isEmpty() ? "device" : b.toString();
    }
}
