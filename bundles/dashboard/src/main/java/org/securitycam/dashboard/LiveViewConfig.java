package org.securitycam.dashboard;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /dashboard/config}: what the page needs to know about this device that no feature's route says, which
 * is where its live view comes from: {@code {"whep_url": "<MediaMTX's WHEP endpoint>"}}, or null when none is
 * configured, and the page then shows {@code /live/frame.jpg} once a second. Changing the configuration
 * {@code securitycam.dashboard} (the Web Console's form) applies to the next page load.
 */
@Component(service = LiveViewConfig.class, configurationPid = LiveViewConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = LiveViewConfig.Config.class)
@JakartarsResource
@JSONRequired
@jakarta.ws.rs.Path("dashboard/config")
@Produces(MediaType.APPLICATION_JSON)
public class LiveViewConfig {
    static final String PID = "securitycam.dashboard";
    private static final Logger LOG = LoggerFactory.getLogger(LiveViewConfig.class);

    @ObjectClassDefinition(name = "security-cam dashboard",
            description = "The device's web page. Its live view uses WebRTC from MediaMTX where a WHEP endpoint is "
                    + "given, and one camera frame a second otherwise.")
    @interface Config {
        @AttributeDefinition(name = "WHEP endpoint",
                description = "MediaMTX's WHEP address of the camera's stream, for example "
                        + "http://<pi-ip>:8889/cam/whep; empty: one frame a second from the device")
        String whep__url() default "";
    }

    private final String whepUrl;

    @Activate
    public LiveViewConfig(Config config) {
        this.whepUrl = checked(config.whep__url());
    }

    @GET
    public Map<String, Object> get() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("whep_url", whepUrl);
        return answer;
    }

    /** An http(s) URL, or null: a browser is never sent anywhere else. */
    static String checked(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null) {
                return uri.toString();
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        LOG.warn("The dashboard's WHEP endpoint must be an http or https URL, not {}; the live view uses frames", url);
        return null;
    }
}
