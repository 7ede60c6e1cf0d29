package org.securitycam.rest;

import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code GET /auth/status} while the device has no authentication bundle: auth is off, no token to check. */
@Component(service = AuthStatusResource.class)
@JakartarsResource
@JSONRequired
@Path("auth/status")
@Produces(MediaType.APPLICATION_JSON)
public class AuthStatusResource {
    @GET
    public Map<String, Object> status() {
        Map<String, Object> out = new HashMap<>();
        out.put("enabled", false);
        out.put("valid", null);
        return out;
    }
}
