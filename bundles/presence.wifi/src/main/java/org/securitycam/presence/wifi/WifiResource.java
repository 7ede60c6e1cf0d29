package org.securitycam.presence.wifi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.securitycam.api.presence.Presence;
import org.securitycam.api.presence.PresenceSource;
import org.securitycam.api.presence.TrackedDevice;
import org.securitycam.presence.tools.DeviceJson;

/**
 * {@code GET /wifi/stations} (the access point's stations at the last poll, named after the tracked list), and
 * {@code POST /devices/wifi/add} and {@code /devices/wifi/remove}, which track and untrack without asking the
 * access point, so they work without one.
 */
@Component(service = WifiResource.class)
@JakartarsResource
@JSONRequired
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class WifiResource {
    private final WifiSource source;
    private final Presence presence;

    @Activate
    public WifiResource(@Reference WifiSource source, @Reference Presence presence) {
        this.source = source;
        this.presence = presence;
    }

    @GET
    @Path("wifi/stations")
    public Map<String, Object> stations() {
        Map<String, String> names = new HashMap<>();
        presence.tracked(PresenceSource.WIFI).forEach(d -> names.put(d.address(), d.name()));
        List<Map<String, Object>> out = new ArrayList<>();
        source.stations().forEach(a -> out.add(DeviceJson.of(TrackedDevice.of(a, names.get(a)))));
        return Map.of("stations", out);
    }

    @POST
    @Path("devices/wifi/add")
    public Map<String, Object> add(Map<String, Object> body) {
        presence.track(PresenceSource.WIFI, DeviceJson.addBody(body));
        return Map.of("message", "Device added");
    }

    @POST
    @Path("devices/wifi/remove")
    public Map<String, Object> remove(Map<String, Object> body) {
        presence.untrack(PresenceSource.WIFI, DeviceJson.removeBody(body));
        return Map.of("message", "Device removed");
    }
}
