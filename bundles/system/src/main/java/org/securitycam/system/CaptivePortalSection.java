package org.securitycam.system;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SectionOwner;

/**
 * {@code CaptivePortal}: {@code {"enabled": bool}}, on by default, with its form in the Web Console (the store
 * mirrors the section into the configuration {@value #PID}).
 */
@Component(property = { SectionOwner.SECTIONS + "=" + CaptivePortalSection.SECTION,
        SectionOwner.PID + "=" + CaptivePortalSection.PID }, configurationPid = CaptivePortalSection.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
@Designate(ocd = CaptivePortalSection.Form.class)
public class CaptivePortalSection implements SectionOwner {
    static final String SECTION = "CaptivePortal";
    static final String PID = "securitycam.captiveportal";

    @ObjectClassDefinition(name = "security-cam captive portal", description = "Sends the visitors of the device's "
            + "own access point to the dashboard (port 80 redirected through the configured firewall command)")
    @interface Form {
        @AttributeDefinition(name = "Enabled")
        boolean enabled() default true;
    }

    @Override
    public Object defaults(String section) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", true);
        return m;
    }

    @Override
    public Object validate(String section, Object proposed) {
        if (!(proposed instanceof Map<?, ?> map)) {
            throw new InvalidSettingsException("must be an object");
        }
        for (Object key : map.keySet()) {
            if (!"enabled".equals(key)) {
                throw new InvalidSettingsException("Unknown field: " + key);
            }
        }
        Object enabled = map.containsKey("enabled") ? map.get("enabled") : Boolean.TRUE;
        if (!(enabled instanceof Boolean)) {
            throw new InvalidSettingsException("enabled must be a boolean");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", enabled);
        return m;
    }

    /** Whether a stored or default section says the portal is on; anything unreadable counts as on, the default. */
    static boolean enabled(Object section) {
        return !(section instanceof Map<?, ?> m) || !Boolean.FALSE.equals(m.get("enabled"));
    }
}
