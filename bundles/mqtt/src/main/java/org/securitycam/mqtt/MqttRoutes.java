package org.securitycam.mqtt;

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
 * {@code GET /mqtt/status}: {@code {"enabled","connected","broker","last_error"?,"published","dropped"}}, where
 * {@code last_error} is why the last connection failed, present only while MQTT is enabled and not connected, and
 * {@code dropped} counts the events that the offline buffer could not keep. It never waits on the broker.
 */
@Component(service = MqttRoutes.class)
@JakartarsResource
@JSONRequired
@Path("mqtt")
@Produces(MediaType.APPLICATION_JSON)
public class MqttRoutes {
    private final MqttBridge bridge;

    @Activate
    public MqttRoutes(@Reference MqttBridge bridge) {
        this.bridge = bridge;
    }

    @GET
    @Path("status")
    public Map<String, Object> status() {
        return bridge.status();
    }
}
