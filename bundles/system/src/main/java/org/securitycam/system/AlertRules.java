package org.securitycam.system;

import java.util.EnumMap;
import java.util.Map;

/**
 * The thresholds of the alert levels. A metric whose value is unavailable is {@link Level#OK}: an alert says
 * something is wrong with the device, not that a figure is missing.
 */
final class AlertRules {
    static final double TEMP_WARN = 65;
    static final double TEMP_CRITICAL = 80;
    static final double STORAGE_WARN = 85;
    static final double STORAGE_CRITICAL = 95;
    static final int SD_WARN = 0x03;
    static final int SD_CRITICAL = 0x0B;

    private AlertRules() {
    }

    static Level cpuTemp(Double celsius) {
        return celsius == null ? Level.OK : celsius >= TEMP_CRITICAL ? Level.CRITICAL
                : celsius >= TEMP_WARN ? Level.WARN : Level.OK;
    }

    /** Any flag that is set now is critical: the board is short of power or too hot to run at full speed. */
    static Level throttle(Throttle t) {
        return t != null && t.active() ? Level.CRITICAL : Level.OK;
    }

    static Level storage(Double percent) {
        return percent == null ? Level.OK : percent >= STORAGE_CRITICAL ? Level.CRITICAL
                : percent >= STORAGE_WARN ? Level.WARN : Level.OK;
    }

    static Level sdHealth(Integer lifeTime) {
        return lifeTime == null ? Level.OK : lifeTime >= SD_CRITICAL ? Level.CRITICAL
                : lifeTime >= SD_WARN ? Level.WARN : Level.OK;
    }

    /** The level of every metric for these readings. */
    static Map<Metric, Level> levels(Health h) {
        Map<Metric, Level> m = new EnumMap<>(Metric.class);
        m.put(Metric.CPU_TEMP, cpuTemp(h.cpuTemp().value()));
        m.put(Metric.THROTTLE, throttle(h.throttle().value()));
        m.put(Metric.STORAGE, storage(h.storagePercent()));
        m.put(Metric.SD_HEALTH, sdHealth(h.sd().value() == null ? null : h.sd().value().lifeTime()));
        return m;
    }

    static Level overall(Map<Metric, Level> levels) {
        Level worst = Level.OK;
        for (Level l : levels.values()) {
            worst = Level.max(worst, l);
        }
        return worst;
    }
}
