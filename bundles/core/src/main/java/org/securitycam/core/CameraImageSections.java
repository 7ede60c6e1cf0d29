package org.securitycam.core;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SectionOwner;

/** The camera image settings: rotation, stream size and rate, ISP, night vision and scan lines. */
@Component(property = { SectionOwner.SECTIONS + "=RotationAngle", SectionOwner.SECTIONS + "=RotationMode",
        SectionOwner.SECTIONS + "=StreamWidth", SectionOwner.SECTIONS + "=StreamHeight",
        SectionOwner.SECTIONS + "=StreamFPS", SectionOwner.SECTIONS + "=ISP",
        SectionOwner.SECTIONS + "=NightVision", SectionOwner.SECTIONS + "=ScanLines" })
public class CameraImageSections implements SectionOwner {
    @Override
    public Object defaults(String section) {
        return switch (section) {
            case "RotationAngle" -> 0;
            case "RotationMode" -> "none";
            case "StreamWidth" -> 1280;
            case "StreamHeight" -> 720;
            case "StreamFPS" -> 15;
            case "ISP" -> new LinkedHashMap<>();
            case "NightVision", "ScanLines" -> false;
            default -> null;
        };
    }

    @Override
    public Object validate(String section, Object proposed) {
        switch (section) {
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
}
