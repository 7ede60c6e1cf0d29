package org.securitycam.auth;

import java.util.Map;
import java.util.LinkedHashMap;

import org.osgi.service.component.annotations.Component;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SectionOwner;

/**
 * The stored shape of the {@code Auth} section: {@code enabled}, {@code password_hash}, {@code token}. Clients
 * never write it directly ({@code POST /settings} takes only {@code enabled} and goes through the auth service).
 * It is a component of its own because the auth service writes the section while it activates.
 */
@Component(property = { SectionOwner.SECTIONS + "=" + AuthManager.SECTION,
        SectionOwner.SECRETS + "=" + AuthManager.SECTION + ".password_hash",
        SectionOwner.SECRETS + "=" + AuthManager.SECTION + ".token" })
public class AuthSection implements SectionOwner {
    /** On from the first start. */
    @Override
    public Object defaults(String section) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("enabled", true);
        return auth;
    }

    @Override
    public Object validate(String section, Object proposed) {
        if (!(proposed instanceof Map<?, ?> m)) {
            throw new InvalidSettingsException("must be a JSON object");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object v = e.getValue();
            boolean ok = switch (String.valueOf(e.getKey())) {
                case "enabled" -> v instanceof Boolean;
                case "password_hash", "token" -> v instanceof String;
                default -> false;
            };
            if (!ok) {
                throw new InvalidSettingsException("Unknown or malformed field: " + e.getKey());
            }
        }
        return proposed;
    }
}
