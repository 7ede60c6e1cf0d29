package org.securitycam.system;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Raspberry Pi firmware's throttle flags, as {@code vcgencmd get_throttled} prints them. The low four bits are
 * what is happening now; the same bits from 16 up say what has happened since boot.
 */
record Throttle(int bits) {
    private static final String[] FLAGS = { "under_voltage", "freq_capped", "throttled", "soft_temp_limit" };

    /** Whether any flag is set now (not only since boot). */
    boolean active() {
        return (bits & 0xF) != 0;
    }

    String raw() {
        return "0x" + Integer.toHexString(bits);
    }

    /** {@code {"raw","active", <each flag>, <each flag>_occurred}} */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("raw", raw());
        m.put("active", active());
        for (int i = 0; i < FLAGS.length; i++) {
            m.put(FLAGS[i], (bits & (1 << i)) != 0);
        }
        for (int i = 0; i < FLAGS.length; i++) {
            m.put(FLAGS[i] + "_occurred", (bits & (1 << (16 + i))) != 0);
        }
        return m;
    }
}
