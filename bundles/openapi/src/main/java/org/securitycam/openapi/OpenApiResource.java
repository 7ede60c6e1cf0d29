package org.securitycam.openapi;

import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /openapi.json}: the OpenAPI 3 description of every route, generated when the device was built from the
 * resource classes' Jakarta RS annotations and served exactly as built. Nothing is scanned or generated on the
 * device. Like every route it needs the token while auth is on.
 */
@Component(service = OpenApiResource.class)
@JakartarsResource
@Path("openapi.json")
public class OpenApiResource {
    /** Where the build puts the description, next to this class. */
    static final String DESCRIPTION = "openapi.json";

    private final byte[] description;

    @Activate
    public OpenApiResource() throws IOException {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DESCRIPTION)) {
            if (in == null) {
                throw new IOException("The bundle carries no " + DESCRIPTION + "; it was built without the generator");
            }
            description = in.readAllBytes();
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] description() {
        return description.clone();
    }
}
