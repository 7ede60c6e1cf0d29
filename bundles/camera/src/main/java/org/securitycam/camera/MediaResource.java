package org.securitycam.camera;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.securitycam.api.camera.CameraException;
import org.securitycam.api.camera.Recorder;
import org.securitycam.api.camera.RecordingStatus;
import org.securitycam.api.events.Topics;
import org.securitycam.api.settings.SettingsStore;
import org.securitycam.web.ApiError;
import org.securitycam.web.JsonBody;
import org.securitycam.web.PathGuard;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The recording, snapshot and archive routes of spec §2. Every file parameter passes the {@link PathGuard}. */
@Component(service = { MediaResource.class, EventHandler.class },
        property = EventConstants.EVENT_TOPIC + "=" + Topics.ARCHIVE_UPDATED)
@JakartarsResource
@JSONRequired
@jakarta.ws.rs.Path("")
@Produces(MediaType.APPLICATION_JSON)
public class MediaResource implements EventHandler {
    private static final MediaType JPEG = new MediaType("image", "jpeg");
    private static final MediaType MP4 = new MediaType("video", "mp4");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Recorder camera;
    private final SettingsStore settings;
    private final MediaIndex recordings = new MediaIndex(MediaNames.RECORDING);
    private final MediaIndex snapshots = new MediaIndex(MediaNames.SNAPSHOT);
    private final MediaIndex timelapses = new MediaIndex(MediaNames.TIMELAPSE);
    private final Map<String, Object> metaCache = new ConcurrentHashMap<>();

    @Activate
    public MediaResource(@Reference Recorder camera, @Reference SettingsStore settings) {
        this.camera = camera;
        this.settings = settings;
    }

    private Path folder() {
        return MediaNames.folder(settings);
    }

    @Override
    public void handleEvent(Event event) {
        recordings.invalidate();
        snapshots.invalidate();
        timelapses.invalidate();
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

    @GET
    @jakarta.ws.rs.Path("snapshots")
    public List<Map<String, Object>> snapshots() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MediaIndex.Entry e : snapshots.list(folder())) {
            out.add(Map.of("path", e.path().toString(), "size", e.size()));
        }
        return out;
    }

    @GET
    @jakarta.ws.rs.Path("snapshot_image")
    public Response snapshotImage(@QueryParam("path") String path, @Context Request request) {
        return image(PathGuard.resolve(path, folder(), MediaNames.SNAPSHOT), request);
    }

    @POST
    @jakarta.ws.rs.Path("delete_snapshot")
    public Map<String, Object> deleteSnapshot(Map<String, Object> body) {
        Path file = PathGuard.resolve(JsonBody.string(JsonBody.object(body, Set.of("snapshot_path")), "snapshot_path"), folder(), MediaNames.SNAPSHOT);
        delete(file);
        snapshots.invalidate();
        return Map.of("message", "Snapshot deleted");
    }

    @GET
    @jakarta.ws.rs.Path("thumbnail")
    public Response thumbnail(@QueryParam("video_path") String videoPath, @Context Request request) {
        Path video = recording(videoPath);
        return sidecarImage(video, MediaNames.thumbnail(video), request);
    }

    @GET
    @jakarta.ws.rs.Path("thumbnail/{file}")
    public Response thumbnailByName(@PathParam("file") String file, @Context Request request) {
        return thumbnail(folder().resolve(file).toString(), request);
    }

    @GET
    @jakarta.ws.rs.Path("sprite")
    public Response sprite(@QueryParam("video_path") String videoPath, @Context Request request) {
        Path video = recording(videoPath);
        return sidecarImage(video, MediaNames.sprite(video), request);
    }

    @GET
    @jakarta.ws.rs.Path("sprite/{file}")
    public Response spriteByName(@PathParam("file") String file, @Context Request request) {
        return sprite(folder().resolve(file).toString(), request);
    }

    @GET
    @jakarta.ws.rs.Path("archive")
    public List<Map<String, Object>> archive() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MediaIndex.Entry e : recordings.list(folder())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", e.path().toString());
            m.put("size", e.size());
            m.put("mtime", Instant.ofEpochMilli(e.mtimeMillis()).toString());
            Object meta = meta(e.path());
            if (meta != null) {
                m.put("meta", meta);
            }
            if (Files.exists(MediaNames.thumbnail(e.path()))) {
                m.put("thumbnail", MediaNames.thumbnail(e.path()).toString());
            }
            if (Files.exists(MediaNames.sprite(e.path()))) {
                m.put("sprite", MediaNames.sprite(e.path()).toString());
            }
            out.add(m);
        }
        return out;
    }

    @GET
    @jakarta.ws.rs.Path("archive/count")
    public Map<String, Object> archiveCount() {
        return Map.of("count", recordings.list(folder()).size());
    }

    @GET
    @jakarta.ws.rs.Path("archive/new_count")
    public Map<String, Object> newCount(@QueryParam("since") String since) {
        long sinceMillis;
        try {
            sinceMillis = OffsetDateTime.parse(since).toInstant().toEpochMilli();
        } catch (DateTimeParseException | NullPointerException e) {
            return Map.of("count", 0);
        }
        Path folder = folder();
        int count = newer(recordings.list(folder), sinceMillis) + newer(snapshots.list(folder), sinceMillis)
                + newer(timelapses.list(folder.resolve("timelapse")), sinceMillis);
        return Map.of("count", count);
    }

    @GET
    @jakarta.ws.rs.Path("stream_video")
    @Produces({ "video/mp4", MediaType.APPLICATION_JSON })
    public Response streamVideo(@QueryParam("video_path") String videoPath, @HeaderParam("Range") String range)
            throws IOException {
        Path file = recording(videoPath);
        long length = Files.size(file);
        long start = 0;
        long end = length - 1;
        boolean partial = false;
        if (range != null) {
            Matcher m = RANGE.matcher(range.trim());
            if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
                return rangeNotSatisfiable(length);
            }
            if (m.group(1).isEmpty()) {
                start = Math.max(0, length - Long.parseLong(m.group(2)));
            } else {
                start = Long.parseLong(m.group(1));
                end = m.group(2).isEmpty() ? length - 1 : Math.min(Long.parseLong(m.group(2)), length - 1);
            }
            if (start > end || start >= length) {
                return rangeNotSatisfiable(length);
            }
            partial = true;
        }
        long from = start;
        long count = end - start + 1;
        StreamingOutput body = out -> copy(file, from, count, out);
        Response.ResponseBuilder b = Response.status(partial ? 206 : 200).entity(body).type(MP4)
                .header("Accept-Ranges", "bytes").header("Content-Length", count)
                .lastModified(new Date(Files.getLastModifiedTime(file).toMillis()));
        if (partial) {
            b.header("Content-Range", "bytes " + start + "-" + end + "/" + length);
        }
        return b.build();
    }

    @POST
    @jakarta.ws.rs.Path("delete_video")
    public Response deleteVideo(Map<String, Object> body) {
        Path file = PathGuard.resolve(JsonBody.string(JsonBody.object(body, Set.of("video_path")), "video_path"), folder(), MediaNames.RECORDING);
        RecordingStatus now = camera.status();
        if (now.recording() && file.equals(now.file())) {
            return ApiError.of(409, "This recording is still running");
        }
        delete(MediaNames.thumbnail(file));
        delete(MediaNames.sprite(file));
        delete(MediaNames.meta(file));
        delete(file);
        recordings.invalidate();
        return Response.ok(Map.of("message", "Video deleted")).build();
    }

    private Path recording(String videoPath) {
        return PathGuard.resolve(videoPath, folder(), MediaNames.RECORDING);
    }

    private Object meta(Path video) {
        Path meta = MediaNames.meta(video);
        try {
            if (!Files.exists(meta)) {
                return null;
            }
            String key = meta + "@" + Files.getLastModifiedTime(meta).toMillis();
            return metaCache.computeIfAbsent(key, k -> {
                try {
                    return JSON.readValue(meta.toFile(), Map.class);
                } catch (IOException e) {
                    return Map.of();
                }
            });
        } catch (IOException e) {
            return null;
        }
    }

    private static int newer(List<MediaIndex.Entry> entries, long since) {
        int n = 0;
        for (MediaIndex.Entry e : entries) {
            if (e.mtimeMillis() <= since) {
                break; // newest first
            }
            n++;
        }
        return n;
    }

    private static Response sidecarImage(Path video, Path image, Request request) {
        if (!Files.isRegularFile(image)) {
            return ApiError.of(404, "No such image for " + video.getFileName());
        }
        return image(image, request);
    }

    /** A JPEG, cacheable for a day, answered 304 when the client already has this version. */
    private static Response image(Path file, Request request) {
        try {
            long modified = Files.getLastModifiedTime(file).toMillis();
            EntityTag tag = new EntityTag(Long.toHexString(modified) + "-" + Long.toHexString(Files.size(file)));
            CacheControl cache = new CacheControl();
            cache.setMaxAge(86_400);
            Date lastModified = new Date(modified);
            Response.ResponseBuilder unchanged = request.evaluatePreconditions(lastModified, tag);
            if (unchanged != null) {
                return unchanged.cacheControl(cache).build();
            }
            StreamingOutput body = out -> Files.copy(file, out);
            return Response.ok(body, JPEG).cacheControl(cache).tag(tag).lastModified(lastModified).build();
        } catch (IOException e) {
            return ApiError.of(404, "Not found");
        }
    }

    private static void copy(Path file, long from, long count, OutputStream out) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                InputStream in = Channels.newInputStream(ch.position(from))) {
            byte[] buf = new byte[64 * 1024];
            long left = count;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
    }

    private static Response rangeNotSatisfiable(long length) {
        return Response.fromResponse(ApiError.of(416, "Range not satisfiable"))
                .header("Content-Range", "bytes */" + length).build();
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new IllegalStateException("Could not delete " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
