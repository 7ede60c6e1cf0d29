package org.securitycam.timelapse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.securitycam.api.media.MediaFile;
import org.securitycam.api.media.MediaKind;
import org.securitycam.api.media.MediaStore;
import org.securitycam.api.media.Sidecar;
import org.securitycam.web.ApiError;
import org.securitycam.web.ByteRange;
import org.securitycam.web.Images;
import org.securitycam.web.JsonBody;

/**
 * The timelapse routes: the status and settings, start and stop, and the stitched videos, which are read and
 * deleted only as the {@link MediaStore} resolved them (inside the timelapse folder, named
 * {@code timelapse_YYYYMMDD.mp4}).
 */
@Component(service = TimelapseRoutes.class)
@JakartarsResource
@JSONRequired
@jakarta.ws.rs.Path("timelapse")
public class TimelapseRoutes {
    private static final MediaType MP4 = new MediaType("video", "mp4");
    private static final String MP4_SUFFIX = ".mp4";

    private final TimelapseService timelapse;
    private final MediaStore store;

    @Activate
    public TimelapseRoutes(@Reference TimelapseService timelapse, @Reference MediaStore store) {
        this.timelapse = timelapse;
        this.store = store;
    }

    @GET
    @jakarta.ws.rs.Path("status")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status() throws IOException {
        return timelapse.status();
    }

    @POST
    @jakarta.ws.rs.Path("configure")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> configure(Map<String, Object> body) {
        Map<String, Object> config = timelapse.configure(JsonBody.required(body));
        return Map.of("message", "Timelapse configured", "config", config);
    }

    @POST
    @jakarta.ws.rs.Path("start")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> start() {
        return Map.of("message", "Timelapse started", "config", timelapse.setEnabled(true));
    }

    @POST
    @jakarta.ws.rs.Path("stop")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> stop() {
        return Map.of("message", "Timelapse stopped", "config", timelapse.setEnabled(false));
    }

    /** The stitched videos, newest first. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MediaFile f : store.list(MediaKind.TIMELAPSE)) {
            String name = f.path().getFileName().toString();
            String day = name.substring("timelapse_".length(), name.length() - MP4_SUFFIX.length());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", f.path().toString());
            m.put("date", day.substring(0, 4) + "-" + day.substring(4, 6) + "-" + day.substring(6));
            m.put("size", f.size());
            m.put("mtime", f.modified().toString());
            f.sidecar(Sidecar.THUMBNAIL).ifPresent(p -> m.put("thumbnail", p.toString()));
            out.add(m);
        }
        return out;
    }

    @GET
    @jakarta.ws.rs.Path("video")
    public Response video(@QueryParam("path") String path, @HeaderParam("Range") String range) throws IOException {
        return ByteRange.serve(store.resolve(MediaKind.TIMELAPSE, path).path(), range, MP4);
    }

    /** The thumbnail, by the video's path or by the thumbnail's own (as the listing gives it). */
    @GET
    @jakarta.ws.rs.Path("thumbnail")
    public Response thumbnail(@QueryParam("path") String path, @Context Request request) {
        String video = path != null && path.endsWith(Sidecar.THUMBNAIL.suffix())
                ? path.substring(0, path.length() - Sidecar.THUMBNAIL.suffix().length()) + MP4_SUFFIX
                : path;
        MediaFile file = store.resolve(MediaKind.TIMELAPSE, video);
        Optional<java.nio.file.Path> thumb = file.sidecar(Sidecar.THUMBNAIL);
        if (thumb.isEmpty()) {
            return ApiError.of(404, "No thumbnail for " + file.path().getFileName());
        }
        return Images.jpeg(thumb.get(), request);
    }

    @POST
    @jakarta.ws.rs.Path("delete")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> delete(Map<String, Object> body) {
        String path = JsonBody.string(JsonBody.object(body, Set.of("path")), "path");
        store.delete(store.resolve(MediaKind.TIMELAPSE, path));
        return Map.of("message", "Timelapse deleted");
    }
}
