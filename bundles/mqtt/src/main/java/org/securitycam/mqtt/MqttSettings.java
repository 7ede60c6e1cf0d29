package org.securitycam.mqtt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.web.JsonBody;

/**
 * The {@code MQTT} section: whether the device talks to a broker, where ({@code host}, {@code port}, {@code tls} with
 * the system's trust store or the CA certificates in {@code ca_file}), as whom ({@code username}, {@code password}),
 * under which topic ({@code base_topic}), and whether Home Assistant discovery is published under
 * {@code discovery_prefix}. Values are checked strictly, never coerced; a field the proposal does not name keeps its
 * default.
 */
record MqttSettings(boolean enabled, String host, int port, boolean tls, String caFile, String username,
        String password, String baseTopic, boolean discovery, String discoveryPrefix) {
    static final String SECTION = "MQTT";
    static final String ENABLED = "enabled";
    static final String HOST = "host";
    static final String PORT = "port";
    static final String TLS = "tls";
    static final String CA_FILE = "ca_file";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String BASE_TOPIC = "base_topic";
    static final String DISCOVERY = "discovery";
    static final String DISCOVERY_PREFIX = "discovery_prefix";
    static final List<String> FIELDS = List.of(ENABLED, HOST, PORT, TLS, CA_FILE, USERNAME, PASSWORD, BASE_TOPIC,
            DISCOVERY, DISCOVERY_PREFIX);

    static final int DEFAULT_PORT = 1883;
    static final String DEFAULT_PREFIX = "homeassistant";
    /** Longer than any host name, user name or topic a broker would take, short enough for a log line. */
    static final int MOST_CHARS = 256;

    /** The section on a device that never stored one; the base topic names the machine. */
    static MqttSettings defaults(String hostname) {
        return new MqttSettings(false, "", DEFAULT_PORT, false, "", "", "", "security-cam/" + hostname, true,
                DEFAULT_PREFIX);
    }

    /**
     * The defaults of this machine: its host name, as the kernel has it (never a DNS lookup, which could hang),
     * names the base topic.
     */
    static MqttSettings machineDefaults() {
        String name = System.getenv("HOSTNAME");
        try {
            name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException | RuntimeException notLinux) {
            // the environment's name, or none
        }
        return defaults(TopicNames.level(name == null ? "" : name));
    }

    /** The section as settings.json holds it. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ENABLED, enabled);
        m.put(HOST, host);
        m.put(PORT, port);
        m.put(TLS, tls);
        m.put(CA_FILE, caFile);
        m.put(USERNAME, username);
        m.put(PASSWORD, password);
        m.put(BASE_TOPIC, baseTopic);
        m.put(DISCOVERY, discovery);
        m.put(DISCOVERY_PREFIX, discoveryPrefix);
        return m;
    }

    /** Where the client connects, for the status and the log: {@code host:port}, or empty when no host is set. */
    String broker() {
        return host.isEmpty() ? "" : (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The broker's address for the client library. */
    String uri() {
        return (tls ? "ssl://" : "tcp://") + broker();
    }

    /**
     * Checks a proposed section, whole or in part, over the defaults.
     *
     * @throws InvalidSettingsException naming the field and its rule, or every unknown field
     */
    static MqttSettings validate(Object proposed, MqttSettings defaults) {
        Map<String, Object> m = JsonBody.fields(proposed, FIELDS);
        boolean enabled = bool(m, ENABLED, defaults.enabled);
        String host = text(m, HOST, defaults.host);
        if (host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '#' || c == '@')) {
            throw new InvalidSettingsException(HOST + " must be a host name or an IP address");
        }
        if (enabled && host.isEmpty()) {
            throw new InvalidSettingsException(HOST + " must be set while MQTT is enabled");
        }
        int port = m.containsKey(PORT) ? JsonBody.integer(PORT, m.get(PORT), 1, 65535) : defaults.port;
        boolean tls = bool(m, TLS, defaults.tls);
        String caFile = text(m, CA_FILE, defaults.caFile);
        if (!caFile.isEmpty() && !Path.of(caFile).isAbsolute()) {
            throw new InvalidSettingsException(CA_FILE + " must be empty or an absolute path");
        }
        String username = text(m, USERNAME, defaults.username);
        String password = text(m, PASSWORD, defaults.password);
        String base = topic(m, BASE_TOPIC, defaults.baseTopic);
        boolean discovery = bool(m, DISCOVERY, defaults.discovery);
        String prefix = topic(m, DISCOVERY_PREFIX, defaults.discoveryPrefix);
        return new MqttSettings(enabled, host, port, tls, caFile, username, password, base, discovery, prefix);
    }

    /**
     * Checks a section that a client proposes (a POST, an import, an edit in the console): the rules of
     * {@link #validate}, and while MQTT over TLS is enabled, a {@code ca_file} that holds CA certificates now. The
     * device reads its stored section with {@link #validate} alone, so a file that goes missing later leaves the
     * section readable and shows in {@code last_error} instead.
     *
     * @throws InvalidSettingsException naming the field and its rule, or what is wrong with the CA file
     */
    static MqttSettings validateProposal(Object proposed, MqttSettings defaults) {
        MqttSettings s = validate(proposed, defaults);
        if (s.enabled && s.tls && !s.caFile.isEmpty()) {
            try {
                BrokerTrust.caCertificates(s.caFile);
            } catch (BrokerTrust.BadCaFile e) {
                throw new InvalidSettingsException(CA_FILE + " " + s.caFile + " " + e.problem());
            }
        }
        return s;
    }

    private static boolean bool(Map<String, Object> m, String field, boolean otherwise) {
        if (!m.containsKey(field)) {
            return otherwise;
        }
        if (!(m.get(field) instanceof Boolean b)) {
            throw new InvalidSettingsException(field + " must be true or false");
        }
        return b;
    }

    private static String text(Map<String, Object> m, String field, String otherwise) {
        if (!m.containsKey(field)) {
            return otherwise;
        }
        if (!(m.get(field) instanceof String s) || s.length() > MOST_CHARS) {
            throw new InvalidSettingsException(field + " must be a string of at most " + MOST_CHARS + " characters");
        }
        return s;
    }

    /** A topic that other topics are built below: levels without wildcards, none of them empty. */
    private static String topic(Map<String, Object> m, String field, String otherwise) {
        String t = text(m, field, otherwise);
        if (!TopicNames.isBase(t)) {
            throw new InvalidSettingsException(field + " must be a topic without wildcards (+, #), spaces or empty "
                    + "levels, such as security-cam/garage");
        }
        return t;
    }
}
