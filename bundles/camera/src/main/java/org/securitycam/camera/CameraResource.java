package org.securitycam.camera;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.securitycam.api.camera.CameraException;
import org.securitycam.api.camera.RecordingStatus;
import org.securitycam.web.ApiError;

/**
 * The camera's routes: the recording's status and toggle, a snapshot, and the live frame. Failures answer
 * {@code {"error": ...}} naming the cause.
 */
@Component(service = CameraResource.class)
@JakartarsResource
@JSONRequired
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class CameraResource {
    private static final MediaType JPEG = new MediaType("image", "jpeg");

    private final FfmpegCamera camera;

    @Activate
    public CameraResource(@Reference FfmpegCamera camera) {
        this.camera = camera;
    }

    @GET
    @Path("recording_status")
    public Map<String, Object> recordingStatus() {
        RecordingStatus s = camera.status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("recording", s.recording());
        if (s.recording()) {
            out.put("started_at", s.startedAt().toString());
            out.put("reason", s.reason());
        }
        return out;
    }

    @POST
    @Path("toggle_recording")
    public Response toggleRecording() {
        if (camera.status().recording()) {
            camera.stop();
            return Response.ok(Map.of("message", "Recording stopped")).build();
        }
        if (!camera.start("manual")) {
            return ApiError.of(camera.lastFailureStatus(), "Recording failed: " + camera.lastFailure());
        }
        return Response.ok(Map.of("message", "Recording started")).build();
    }

    @POST
    @Path("snapshot")
    public Response snapshot() {
        try {
            return Response.ok(Map.of("path", camera.snapshot().toString())).build();
        } catch (CameraException e) {
            return ApiError.of(503, e.getMessage());
        }
    }

    /**
     * One current JPEG of the camera, stored nowhere and never cached by the client; clients within a second share
     * one grab. It is answered whatever the client accepts, since an {@code <img>} asks for anything but JSON.
     */
    @GET
    @Path("live/frame.jpg")
    @Produces({ "image/jpeg", MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    public Response liveFrame() {
        try {
            return Response.ok(camera.live(), JPEG).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        } catch (CameraException e) {
            return Response.fromResponse(ApiError.of(503, e.getMessage()))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
    }
}
