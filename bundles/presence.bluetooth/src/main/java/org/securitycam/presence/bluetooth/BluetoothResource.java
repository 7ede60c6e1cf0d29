package org.securitycam.presence.bluetooth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.securitycam.api.presence.NoAdapterException;
import org.securitycam.api.presence.Presence;
import org.securitycam.api.presence.PresenceException;
import org.securitycam.api.presence.PresenceSource;
import org.securitycam.api.presence.TrackedDevice;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.presence.tools.DeviceJson;
import org.securitycam.web.ApiError;
import org.securitycam.web.JsonBody;

/**
 * The Bluetooth routes: {@code POST /bt/scan}, {@code /bt/discoverable}, {@code /devices/bt/add} and
 * {@code /devices/bt/remove}, and their other spellings {@code /bluetooth/scan}, {@code /bluetooth/discoverable}
 * and {@code /bluetooth/pair}. Input is checked first (400), then the adapter (503), then that no other scan or
 * pairing runs (409). They go away with this bundle.
 */
@Component(service = BluetoothResource.class)
@JakartarsResource
@JSONRequired
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class BluetoothResource {
    static final int DEFAULT_DISCOVERABLE_SECONDS = 90;
    static final int MAX_DISCOVERABLE_SECONDS = 300;

    private final Bluez bluez;
    private final Presence presence;

    @Activate
    public BluetoothResource(@Reference Bluez bluez, @Reference Presence presence) {
        this.bluez = bluez;
        this.presence = presence;
    }

    @POST
    @Path("bt/scan")
    public Response scan() {
        return exclusive(() -> {
            List<Map<String, Object>> devices = new ArrayList<>();
            bluez.scan().forEach(d -> devices.add(DeviceJson.of(d)));
            return Response.ok(Map.of("devices", devices)).build();
        });
    }

    @POST
    @Path("bluetooth/scan")
    public Response scanAlias() {
        return scan();
    }

    @POST
    @Path("bt/discoverable")
    public Response discoverable(@Context HttpHeaders headers, Map<String, Object> body) {
        int seconds = timeout(headers, body);
        return exclusive(() -> {
            TrackedDevice paired = bluez.discoverable(seconds);
            if (paired == null) {
                return ApiError.of(408, "No device paired within the time limit");
            }
            presence.track(PresenceSource.BLUETOOTH, paired);
            return Response.ok(Map.of("device", DeviceJson.of(paired))).build();
        });
    }

    @POST
    @Path("bluetooth/discoverable")
    public Response discoverableAlias(@Context HttpHeaders headers, Map<String, Object> body) {
        return discoverable(headers, body);
    }

    @POST
    @Path("devices/bt/add")
    public Response add(Map<String, Object> body) {
        TrackedDevice device = DeviceJson.addBody(body);
        return exclusive(() -> {
            try {
                bluez.pair(device.address());
            } catch (Bluez.BluezException e) {
                return ApiError.of(e.timedOut() ? 408 : 422, e.getMessage());
            }
            presence.track(PresenceSource.BLUETOOTH, device);
            return Response.ok(Map.of("message", "Device added")).build();
        });
    }

    @POST
    @Path("bluetooth/pair")
    public Response pairAlias(Map<String, Object> body) {
        return add(body);
    }

    /** Untracks at once; unpairing is best effort, and needs no adapter to succeed. */
    @POST
    @Path("devices/bt/remove")
    public Response remove(Map<String, Object> body) {
        String address = DeviceJson.removeBody(body);
        presence.untrack(PresenceSource.BLUETOOTH, address);
        bluez.remove(address);
        return Response.ok(Map.of("message", "Device removed")).build();
    }

    /**
     * {@code timeout}: an integer of seconds, 1 to 300, 90 if left out. The body is optional, but one that is sent
     * must be a JSON object: a {@code null} is refused like any other non-object.
     */
    private static int timeout(HttpHeaders headers, Map<String, Object> body) {
        if (body == null) {
            if (headers.getLength() > 0 || headers.getHeaderString("Transfer-Encoding") != null) {
                throw new InvalidSettingsException("Request body must be a JSON object");
            }
            return DEFAULT_DISCOVERABLE_SECONDS;
        }
        JsonBody.object(body, Set.of("timeout"));
        Object t = body.get("timeout");
        if (t == null && !body.containsKey("timeout")) {
            return DEFAULT_DISCOVERABLE_SECONDS;
        }
        if (!(t instanceof Integer seconds) || seconds < 1 || seconds > MAX_DISCOVERABLE_SECONDS) {
            throw new InvalidSettingsException("timeout must be an integer from 1 to " + MAX_DISCOVERABLE_SECONDS);
        }
        return seconds;
    }

    /** An adapter operation: 503 without an adapter, 409 while another one runs. */
    private Response exclusive(Operation op) {
        try {
            bluez.requireAdapter();
            if (!bluez.begin()) {
                return ApiError.of(409, "A Bluetooth scan or pairing is already running");
            }
            try {
                return op.run();
            } finally {
                bluez.end();
            }
        } catch (NoAdapterException e) {
            return ApiError.of(503, e.getMessage());
        } catch (PresenceException e) {
            return ApiError.of(503, "Bluetooth failed: " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Operation {
        Response run() throws PresenceException;
    }
}
