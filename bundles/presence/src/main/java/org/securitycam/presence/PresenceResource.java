package org.securitycam.presence;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /devices/status} and {@code GET /connections}, answered from the presence cache: they never wait on
 * a source. The status also says, per transport, whether a source of it is installed and answers.
 */
@Component(service = PresenceResource.class)
@JakartarsResource
@JSONRequired
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class PresenceResource {
    private final PresenceService presence;

    @Activate
    public PresenceResource(@Reference PresenceService presence) {
        this.presence = presence;
    }

    @GET
    @Path("devices/status")
    public Map<String, Object> status() {
        PresenceService.Snapshot s = presence.snapshot();
        Map<String, Object> out = new LinkedHashMap<>(s.online());
        Map<String, Object> sources = new LinkedHashMap<>();
        s.sources().forEach((transport, status) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("active", status.active());
            m.put("problem", status.problem());
            sources.put(transport, m);
        });
        out.put("sources", sources);
        return out;
    }

    @GET
    @Path("connections")
    public Map<String, Object> connections() {
        return PresenceService.connections(presence.snapshot());
    }
}
