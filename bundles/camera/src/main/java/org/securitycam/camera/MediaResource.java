package org.securitycam.camera;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.securitycam.api.camera.CameraException;
import org.securitycam.api.camera.Recorder;
import org.securitycam.api.camera.RecordingStatus;
import org.securitycam.web.ApiError;

/** The recording routes: its status, a manual start and stop, and a snapshot. The media routes are the media bundle's. */
@Component(service = MediaResource.class)
@JakartarsResource
@JSONRequired
@jakarta.ws.rs.Path("")
@Produces(MediaType.APPLICATION_JSON)
public class MediaResource {
    private final Recorder camera;

    @Activate
    public MediaResource(@Reference Recorder camera) {
        this.camera = camera;
    }

    @GET
    @jakarta.ws.rs.Path("recording_status")
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
    @jakarta.ws.rs.Path("toggle_recording")
    public Response toggleRecording() {
        if (camera.status().recording()) {
            camera.stop();
            return Response.ok(Map.of("message", "Recording stopped")).build();
        }
        if (!camera.start("manual")) {
            return ApiError.of(500, "Recording failed: the camera could not start; see the log");
        }
        return Response.ok(Map.of("message", "Recording started")).build();
    }

    @POST
    @jakarta.ws.rs.Path("snapshot")
    public Response snapshot() {
        try {
            return Response.ok(Map.of("path", camera.snapshot().toString())).build();
        } catch (CameraException e) {
            return ApiError.of(500, e.getMessage());
        }
    }
}
