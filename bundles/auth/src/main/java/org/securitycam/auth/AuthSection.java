package org.securitycam.auth;

import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SectionValidator;

/**
 * The stored shape of the {@code Auth} section: {@code enabled}, {@code password_hash}, {@code token}. Clients
 * never write it directly ({@code POST /settings} takes only {@code enabled} and goes through the auth service).
 * It is a component of its own because the auth service writes the section while it activates.
 */
@Component
public class AuthSection implements SectionValidator {
    @Override
    public Set<String> sections() {
        return Set.of(AuthManager.SECTION);
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
