package org.securitycam.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SectionValidator;

/**
 * The rules of the settings sections whose features have no bundle of their own yet (spec §3-§9):
 * storage limit, captive portal, timelapse, tracked devices, the save location and the camera image.
 */
@Component
public class CoreSectionValidators implements SectionValidator {
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");
    private static final Set<String> RESOLUTIONS = Set.of("original", "640:480", "320:240");

    @Override
    public Set<String> sections() {
        return Set.of("StorageLimit", "CaptivePortal", "Timelapse", "TARGET_BT_ADDRESSES",
                "TARGET_AP_MAC_ADDRESSES", "VideoSaveLocation", "RotationAngle", "RotationMode", "StreamWidth",
                "StreamHeight", "StreamFPS", "ISP", "NightVision", "ScanLines");
    }

    @Override
    public Object validate(String section, Object proposed) {
        switch (section) {
            case "StorageLimit": {
                Map<String, Object> m = Values.object(section, proposed);
                Values.onlyKeys(null, m, Set.of("enabled", "max_percent"));
                Values.bool("enabled", m.get("enabled"));
                Values.integer("max_percent", m.get("max_percent"), 10, 95);
                return m;
            }
            case "CaptivePortal": {
                Map<String, Object> m = Values.object(section, proposed);
                Values.onlyKeys(null, m, Set.of("enabled"));
                Values.bool("enabled", m.get("enabled"));
                return m;
            }
            case "Timelapse":
                return timelapse(Values.object(section, proposed));
            case "TARGET_BT_ADDRESSES":
            case "TARGET_AP_MAC_ADDRESSES":
                return devices(proposed);
            case "VideoSaveLocation":
                return saveLocation(Values.string(section, proposed));
            case "RotationAngle": {
                long angle = Values.integer(section, proposed, 0, 270);
                if (angle % 90 != 0) {
                    throw new InvalidSettingsException("must be 0, 90, 180 or 270");
                }
                return proposed;
            }
            case "RotationMode":
                return Values.string(section, proposed);
            case "StreamWidth":
                Values.integer(section, proposed, 160, 4096);
                return proposed;
            case "StreamHeight":
                Values.integer(section, proposed, 120, 4096);
                return proposed;
            case "StreamFPS":
                Values.integer(section, proposed, 1, 60);
                return proposed;
            case "ISP":
                return Values.object(section, proposed);
            case "NightVision":
            case "ScanLines":
                return Values.bool(section, proposed);
            default:
                return proposed;
        }
    }

    private static Map<String, Object> timelapse(Map<String, Object> m) {
        Values.onlyKeys(null, m, Set.of("enabled", "interval_minutes", "fps", "resolution"));
        Values.bool("enabled", m.get("enabled"));
        Values.integer("interval_minutes", m.get("interval_minutes"), 1, 60);
        Values.integer("fps", m.get("fps"), 1, 60);
        String resolution = Values.string("resolution", m.get("resolution"));
        if ("640x480".equals(resolution)) {
            resolution = "640:480";
        }
        if (!RESOLUTIONS.contains(resolution)) {
            throw new InvalidSettingsException("resolution must be one of original, 640:480, 320:240");
        }
        m.put("resolution", resolution);
        return m;
    }

    private static List<Object> devices(Object proposed) {
        if (!(proposed instanceof List<?> list)) {
            throw new InvalidSettingsException("must be a list of {\"address\",\"name\"} objects");
        }
        List<Object> out = new ArrayList<>();
        for (Object item : list) {
            Map<String, Object> m = Values.object("each device", item);
            Values.onlyKeys(null, m, Set.of("address", "name"));
            String address = Values.string("address", m.get("address"));
            if (!MAC.matcher(address).matches()) {
                throw new InvalidSettingsException("address must look like AA:BB:CC:DD:EE:FF");
            }
            Map<String, Object> device = new LinkedHashMap<>();
            device.put("address", address.toUpperCase(Locale.ROOT));
            device.put("name", m.get("name") == null ? "" : Values.string("name", m.get("name")));
            out.add(device);
        }
        return out;
    }

    private static String saveLocation(String location) {
        Path dir = Path.of(location);
        if (!dir.isAbsolute()) {
            throw new InvalidSettingsException("must be an absolute path");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new InvalidSettingsException("cannot create the folder " + location);
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new InvalidSettingsException("must be a writable folder");
        }
        return location;
    }
}
