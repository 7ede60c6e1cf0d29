package org.securitycam.rest;

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
import org.securitycam.api.settings.SettingsStore;

/** {@code GET} and {@code POST /settings} of spec §8: the whole document, merged per section on write. */
@Component(service = SettingsResource.class)
@JakartarsResource
@JSONRequired
@Path("settings")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {
    private final SettingsStore settings;

    @Activate
    public SettingsResource(@Reference SettingsStore settings) {
        this.settings = settings;
    }

    @GET
    public Map<String, Object> get() {
        return settings.all();
    }

    @POST
    public Map<String, Object> post(Map<String, Object> body) {
        settings.update(Bodies.required(body), true);
        return Map.of("message", "Settings updated");
    }
}
