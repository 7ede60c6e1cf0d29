package org.securitycam.sensor.mock;

import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.securitycam.api.sensor.manager.MockSensor;
import org.securitycam.api.sensor.manager.SensorManager;
import org.securitycam.api.sensor.manager.SensorStatus;
import org.securitycam.web.ApiError;

/**
 * {@code POST /sensor/mock/trigger} and {@code /release}: fire the software sensor, as a wire would fire a real one.
 * They act only while the mock is the configured type and its session runs; otherwise 400.
 */
@Component(service = MockSensorResource.class)
@JakartarsResource
@JSONRequired
@Path("sensor/mock")
@Produces(MediaType.APPLICATION_JSON)
public class MockSensorResource {
    private final MockSensor mock;
    private final SensorManager manager;

    @Activate
    public MockSensorResource(@Reference MockSensor mock, @Reference SensorManager manager) {
        this.mock = mock;
        this.manager = manager;
    }

    @POST
    @Path("trigger")
    public Response trigger() {
        if (!active() || !mock.trigger()) {
            return notActive();
        }
        return Response.ok(Map.of("message", "Mock trigger fired")).build();
    }

    @POST
    @Path("release")
    public Response release() {
        if (!active() || !mock.release()) {
            return notActive();
        }
        return Response.ok(Map.of("message", "Mock release fired")).build();
    }

    private boolean active() {
        SensorStatus s = manager.status();
        return MockSensor.TYPE.equals(s.config().type()) && s.running();
    }

    private static Response notActive() {
        return ApiError.of(400, "Mock sensor is not active");
    }
}
