package org.securitycam.system;

/** The metrics that raise alerts; {@link #key()} is their name in the API. */
enum Metric {
    CPU_TEMP("cpu_temp"), THROTTLE("throttle"), STORAGE("storage"), SD_HEALTH("sd_health");

    private final String key;

    Metric(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
