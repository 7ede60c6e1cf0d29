package org.securitycam.camera;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SectionOwner;

/**
 * The camera image settings that the camera owns: rotation, stream size and rate, ISP, night vision and scan
 * lines. Types are checked, never coerced ("yes" is no boolean, 5.0 no integer).
 */
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
            case "RotationAngle":
                if (integer(section, proposed, 0, 270) % 90 != 0) {
                    throw new InvalidSettingsException("must be 0, 90, 180 or 270");
                }
                return proposed;
            case "RotationMode":
                if (!(proposed instanceof String)) {
                    throw new InvalidSettingsException(section + " must be a string");
                }
                return proposed;
            case "StreamWidth":
                integer(section, proposed, 160, 4096);
                return proposed;
            case "StreamHeight":
                integer(section, proposed, 120, 4096);
                return proposed;
            case "StreamFPS":
                integer(section, proposed, 1, 60);
                return proposed;
            case "ISP":
                if (!(proposed instanceof Map<?, ?> map)) {
                    throw new InvalidSettingsException(section + " must be a JSON object");
                }
                return new LinkedHashMap<>(map);
            case "NightVision":
            case "ScanLines":
                if (!(proposed instanceof Boolean)) {
                    throw new InvalidSettingsException(section + " must be true or false");
                }
                return proposed;
            default:
                return proposed;
        }
    }

    private static long integer(String field, Object value, long min, long max) {
        boolean integral = value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof BigInteger;
        if (integral) {
            BigInteger n = new BigInteger(value.toString());
            if (n.compareTo(BigInteger.valueOf(min)) >= 0 && n.compareTo(BigInteger.valueOf(max)) <= 0) {
                return n.longValue();
            }
        }
        throw new InvalidSettingsException(field + " must be an integer from " + min + " to " + max);
    }
}
