package org.securitycam.camera;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SectionOwner;

/**
 * The camera image settings that the camera owns: rotation, stream size and rate, ISP, night vision and scan
 * lines. Types are checked, never coerced ("yes" is no boolean, 5.0 no integer).
 */
@Component(property = { SectionOwner.SECTIONS + "=RotationAngle", SectionOwner.SECTIONS + "=RotationMode",
        SectionOwner.SECTIONS + "=StreamWidth", SectionOwner.SECTIONS + "=StreamHeight",
        SectionOwner.SECTIONS + "=StreamFPS", SectionOwner.SECTIONS + "=ISP",
        SectionOwner.SECTIONS + "=NightVision", SectionOwner.SECTIONS + "=ScanLines",
        SectionOwner.PID + "=" + CameraImageSections.PID }, configurationPid = CameraImageSections.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
@Designate(ocd = CameraImageSections.Form.class)
public class CameraImageSections implements SectionOwner {
    static final String PID = "securitycam.camera.image";

    @ObjectClassDefinition(name = "security-cam camera image", description = "Rotation, stream size and rate, "
            + "night vision and scan lines (the ISP settings have no fields here: they are free-form)")
    @interface Form {
        @AttributeDefinition(name = "Rotation", options = { @Option(label = "0", value = "0"),
                @Option(label = "90", value = "90"), @Option(label = "180", value = "180"),
                @Option(label = "270", value = "270") })
        int RotationAngle();

        @AttributeDefinition(name = "Rotation mode")
        String RotationMode();

        @AttributeDefinition(name = "Stream width", description = "160 to 4096")
        int StreamWidth();

        @AttributeDefinition(name = "Stream height", description = "120 to 4096")
        int StreamHeight();

        @AttributeDefinition(name = "Stream frame rate", description = "1 to 60")
        int StreamFPS();

        @AttributeDefinition(name = "Night vision")
        boolean NightVision();

        @AttributeDefinition(name = "Scan lines")
        boolean ScanLines();
    }

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
