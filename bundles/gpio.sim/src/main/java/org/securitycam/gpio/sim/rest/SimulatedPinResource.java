package org.securitycam.gpio.sim.rest;

import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.securitycam.gpio.sim.SimulatedBoard;
import org.securitycam.web.ApiError;

/**
 * {@code POST /gpio/sim/{pin} {"high": bool}}: sets a simulated pin as a wire would. It exists only where the
 * simulated board runs (the dev profile), so scripts and black-box tests can exercise real drivers.
 */
@Component(service = SimulatedPinResource.class)
@JakartarsResource
@JSONRequired
@Path("gpio/sim")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatedPinResource {
    private final SimulatedBoard board;

    @Activate
    public SimulatedPinResource(@Reference SimulatedBoard board) {
        this.board = board;
    }

    @POST
    @Path("{pin}")
    public Response drive(@PathParam("pin") String pin, Map<String, Object> body) {
        int number;
        try {
            number = Integer.parseInt(pin);
        } catch (NumberFormatException e) {
            return ApiError.of(400, "pin must be an integer from 0 to 27");
        }
        if (number < 0 || number > 27) {
            return ApiError.of(400, "pin must be an integer from 0 to 27");
        }
        if (body == null || body.size() != 1 || !(body.get("high") instanceof Boolean high)) {
            return ApiError.of(400, "Body must be {\"high\": true|false}");
        }
        board.drive(number, high);
        return Response.ok(Map.of("gpio", number, "high", high)).build();
    }
}
