package org.securitycam.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The payloads the device publishes and the commands it reads, from and to the device's own shapes. Pure. */
final class Payloads {
    static final String ON = "ON";
    static final String OFF = "OFF";
    /** How much of a refused payload a log line shows. */
    static final int SHOWN_CHARS = 40;

    private Payloads() {
    }

    static byte[] onOff(boolean on) {
        return (on ? ON : OFF).getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code ON} as true, {@code OFF} as false (around spaces or a line end), anything else as null. */
    static Boolean onOff(byte[] payload) {
        String s = new String(payload, StandardCharsets.UTF_8).strip();
        return ON.equals(s) ? Boolean.TRUE : OFF.equals(s) ? Boolean.FALSE : null;
    }

    /** Whether the owner is home, from the fields of {@code GET /connections}: a tracked device is online. */
    static boolean home(Map<String, ?> connections) {
        return count(connections.get("bluetooth")) + count(connections.get("wifi")) > 0;
    }

    private static long count(Object transport) {
        return transport instanceof Map<?, ?> m && m.get("online") instanceof Number n ? n.longValue() : 0;
    }

    static byte[] presence(boolean home) {
        return (home ? "home" : "away").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * {@code <base>/system}: {@code cpu_temp_celsius}, {@code disk_percent} and {@code ram_percent} (one decimal, null
     * where unknown) from the fields of {@code GET /system_info}, and the alert level {@code overall}.
     */
    static Map<String, Object> system(Map<String, ?> info, String overall) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cpu_temp_celsius", info.get("cpu_temp_celsius") instanceof Number n ? n : null);
        out.put("disk_percent", percent(info.get("storage_info_gb"), "used_gb", "total_gb"));
        out.put("ram_percent", percent(info.get("ram_usage_mb"), "used_mb", "total_mb"));
        out.put("overall", overall);
        return out;
    }

    private static Double percent(Object part, String used, String total) {
        if (part instanceof Map<?, ?> m && m.get(used) instanceof Number u && m.get(total) instanceof Number t
                && t.doubleValue() > 0) {
            return Math.round(u.doubleValue() / t.doubleValue() * 1000) / 10.0;
        }
        return null;
    }

    /** {@code <base>/events}: {@code ts}, {@code type}, and {@code detail} when the entry has one. */
    static Map<String, Object> event(Map<String, ?> entry) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ts", entry.get("ts"));
        out.put("type", entry.get("type"));
        if (entry.get("detail") != null) {
            out.put("detail", entry.get("detail"));
        }
        return out;
    }

    /** A payload for a log line: at most {@link #SHOWN_CHARS} characters, control characters as {@code ?}. */
    static String shown(byte[] payload) {
        String s = new String(payload, StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().limit(SHOWN_CHARS).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.append(s.codePointCount(0, s.length()) > SHOWN_CHARS ? "...\"" : "\"").toString();
    }
}
