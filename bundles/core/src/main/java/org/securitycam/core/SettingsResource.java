package org.securitycam.core;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.securitycam.api.auth.AuthService;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SettingsStore;
import org.securitycam.web.JsonBody;

/**
 * {@code GET} and {@code POST /settings}: the whole document, merged per section on write; and the backup,
 * {@code GET /settings/export} and {@code POST /settings/import}. The
 * password hash never leaves the device, and of {@code Auth} a client may only set {@code enabled}; what
 * {@code GET} returned is always accepted back unchanged.
 */
@Component(service = SettingsResource.class)
@JakartarsResource
@JSONRequired
@Path("settings")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {
    private static final String AUTH = "Auth";

    private final SettingsStore settings;

    // Optional and dynamic: without the auth bundle the device runs open, and Auth cannot be switched.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuthService auth;

    @Activate
    public SettingsResource(@Reference SettingsStore settings) {
        this.settings = settings;
    }

    /** The whole document without its secrets, except the API token, which the dashboard displays. */
    @GET
    public Map<String, Object> get() {
        Map<String, Object> all = settings.all();
        for (String secret : settings.secrets()) {
            if (!secret.equals(AUTH + ".token")) {
                int dot = secret.indexOf('.');
                if (all.get(secret.substring(0, dot)) instanceof Map<?, ?> section) {
                    section.remove(secret.substring(dot + 1));
                }
            }
        }
        return all;
    }

    /** The whole document as a backup file, without any secret: what {@code POST /settings/import} takes back. */
    @GET
    @Path("export")
    public Response export() {
        Map<String, Object> all = settings.all();
        for (String secret : settings.secrets()) {
            int dot = secret.indexOf('.');
            if (all.get(secret.substring(0, dot)) instanceof Map<?, ?> section) {
                section.remove(secret.substring(dot + 1));
            }
        }
        return Response.ok(all).header("Content-Disposition", "attachment; filename=\"settings-backup.json\"")
                .build();
    }

    /**
     * Restores a backup: every section is checked by its owner before anything is written, then all of them are
     * replaced in one write; sections without an owner are kept as given. Authentication is not touched: an import
     * never changes the password or the token, and auth is switched only through {@code POST /settings}, which
     * issues a fresh token. The secrets of other sections stay as stored.
     */
    @POST
    @Path("import")
    public Map<String, Object> importBackup(Map<String, Object> body) {
        Map<String, Object> sections = new LinkedHashMap<>(JsonBody.required(body));
        sections.remove(AUTH);
        for (String secret : settings.secrets()) {
            int dot = secret.indexOf('.');
            String name = secret.substring(0, dot);
            String field = secret.substring(dot + 1);
            if (sections.get(name) instanceof Map<?, ?> given) {
                @SuppressWarnings("unchecked")
                Map<String, Object> section = new LinkedHashMap<>((Map<String, Object>) given);
                section.remove(field);
                if (settings.stored(name).orElse(null) instanceof Map<?, ?> stored && stored.containsKey(field)) {
                    section.put(field, stored.get(field));
                }
                sections.put(name, section);
            }
        }
        if (!sections.isEmpty()) {
            settings.update(sections, false);
        }
        return Map.of("message", "Settings imported");
    }

    @POST
    public Map<String, Object> post(Map<String, Object> body) {
        // Unknown top-level keys are kept as given: dashboards store their preferences here.
        Map<String, Object> sections = new LinkedHashMap<>(JsonBody.required(body));
        keepSecretsLeftEmpty(sections);
        Boolean enableAuth = sections.containsKey(AUTH) ? authEnabled(sections.remove(AUTH)) : null;
        AuthService a = auth;
        if (enableAuth != null && a == null) {
            throw new InvalidSettingsException("Auth: authentication is not installed on this device");
        }
        if (!sections.isEmpty()) {
            settings.update(sections, true);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Settings updated");
        // Only a real switch is written: a dashboard that sends back what it loaded changes nothing in Auth.
        String token = enableAuth == null || enableAuth == a.enabled() ? null : a.setEnabled(enableAuth);
        if (token != null) {
            answer.put("token", token);
        }
        return answer;
    }

    /**
     * A secret sent back empty means "unchanged": since GET never shows it, a form that shows an empty password
     * field posts it so. The field is taken out of the given section, and the merge keeps what is stored.
     */
    private void keepSecretsLeftEmpty(Map<String, Object> sections) {
        for (String secret : settings.secrets()) {
            int dot = secret.indexOf('.');
            String name = secret.substring(0, dot);
            if (sections.get(name) instanceof Map<?, ?> given && "".equals(given.get(secret.substring(dot + 1)))) {
                Map<Object, Object> section = new LinkedHashMap<>(given);
                section.remove(secret.substring(dot + 1));
                sections.put(name, section);
            }
        }
    }

    /**
     * The only thing a client may set in Auth, or null if the section does not say. Everything else in it (the
     * token that GET shows, a password hash) is ignored and never stored, so that what GET returned can be posted
     * back unchanged and no client can plant a token or a password.
     */
    private static Boolean authEnabled(Object section) {
        if (!(section instanceof Map<?, ?> m)) {
            throw new InvalidSettingsException("Auth: must be a JSON object");
        }
        if (!m.containsKey("enabled")) {
            return null;
        }
        if (!(m.get("enabled") instanceof Boolean b)) {
            throw new InvalidSettingsException("Auth: enabled must be true or false");
        }
        return b;
    }
}
