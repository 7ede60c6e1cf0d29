package org.securitycam.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** The value of every known settings.json section on a device that has never been configured. */
final class Defaults {
    private Defaults() {
    }

    /**
     * @param mockSensor true on the dev profile, where the software sensor is the default and runs at once
     */
    static Map<String, Object> of(Path home, boolean mockSensor) {
        Map<String, Object> d = new LinkedHashMap<>();
        Map<String, Object> sensor = new LinkedHashMap<>();
        sensor.put("type", mockSensor ? "mock" : "reed_switch");
        sensor.put("gpio", mockSensor ? null : 22);
        sensor.put("enabled", mockSensor);
        sensor.put("hold_seconds", 10);
        sensor.put("invert_logic", false);
        sensor.put("calibration", new LinkedHashMap<>());
        d.put("Sensor", sensor);
        d.put("StorageLimit", map("enabled", false, "max_percent", 85));
        d.put("CaptivePortal", map("enabled", true));
        d.put("Timelapse", map("enabled", false, "interval_minutes", 5, "fps", 24, "resolution", "640:480"));
        d.put("Auth", map("enabled", true));
        d.put("TARGET_BT_ADDRESSES", new ArrayList<>());
        d.put("TARGET_AP_MAC_ADDRESSES", new ArrayList<>());
        d.put("VideoSaveLocation", home.resolve("recordings").toString());
        d.put("RotationAngle", 0);
        d.put("RotationMode", "none");
        d.put("StreamWidth", 1280);
        d.put("StreamHeight", 720);
        d.put("StreamFPS", 15);
        d.put("ISP", new LinkedHashMap<>());
        d.put("NightVision", false);
        d.put("ScanLines", false);
        return d;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
