package org.securitycam.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

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

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The archive and media routes, over the {@link MediaStore}: every file they read or delete is one the store
 * resolved. JSON routes say so; image and video routes answer with their own type whatever the client accepts.
 */
@Component(service = MediaRoutes.class)
@JakartarsResource
@JSONRequired
@jakarta.ws.rs.Path("")
public class MediaRoutes {
    private static final MediaType MP4 = new MediaType("video", "mp4");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MediaStore store;
    /** An ETag of /archive names one body of this instance: a restart never reuses one. */
    private final String instance = Long.toHexString(System.nanoTime());
    private final AtomicLong bodies = new AtomicLong();
    private volatile ArchiveBody archive;

    /**
     * /archive for one listing (the store hands out the same list until something changed), with its serialised
     * form when that is at most {@link #CACHED_BYTES}: a larger one is written out again on every call, so the
     * cache never holds more than that.
     */
    private record ArchiveBody(List<MediaFile> listing, byte[] json, EntityTag tag) {
    }

    /** The largest /archive body kept between calls: about 20,000 recordings with their meta. */
    static final int CACHED_BYTES = 8 << 20;

    @Activate
    public MediaRoutes(@Reference MediaStore store) {
        this.store = store;
    }

    @GET
    @jakarta.ws.rs.Path("archive")
    @Produces(MediaType.APPLICATION_JSON)
    public Response archive(@Context Request request) throws IOException {
        List<MediaFile> listing = store.list(MediaKind.RECORDING);
        ArchiveBody body = archive;
        if (body == null || body.listing() != listing) {
            body = new ArchiveBody(listing, cacheable(listing), new EntityTag(instance + "-" + bodies.incrementAndGet()));
            archive = body;
        }
        CacheControl revalidate = new CacheControl();
        revalidate.setNoCache(true);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(body.tag());
        if (unchanged != null) {
            return unchanged.cacheControl(revalidate).build();
        }
        Object entity = body.json() != null ? body.json() : (StreamingOutput) out -> writeArchive(listing, out);
        return Response.ok(entity, MediaType.APPLICATION_JSON_TYPE).tag(body.tag()).cacheControl(revalidate).build();
    }

    /** The body of /archive if it is at most {@link #CACHED_BYTES}, else null. */
    private static byte[] cacheable(List<MediaFile> listing) throws IOException {
        Bounded out = new Bounded();
        try {
            writeArchive(listing, out);
        } catch (Bounded.Full e) {
            return null;
        }
        return out.toByteArray();
    }

    /** Writes /archive entry by entry: no more of it is in memory at once than one recording's. */
    private static void writeArchive(List<MediaFile> listing, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            g.writeStartArray();
            for (MediaFile f : listing) {
                g.writeStartObject();
                g.writeStringField("path", f.path().toString());
                g.writeNumberField("size", f.size());
                g.writeStringField("mtime", f.modified().toString());
                Optional<Map<String, Object>> meta = f.meta();
                if (meta.isPresent()) {
                    g.writeObjectField("meta", meta.get());
                }
                Optional<java.nio.file.Path> thumbnail = f.sidecar(Sidecar.THUMBNAIL);
                if (thumbnail.isPresent()) {
                    g.writeStringField("thumbnail", thumbnail.get().toString());
                }
                Optional<java.nio.file.Path> sprite = f.sidecar(Sidecar.SPRITE);
                if (sprite.isPresent()) {
                    g.writeStringField("sprite", sprite.get().toString());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    /** A buffer that gives up at {@link #CACHED_BYTES}. */
    private static final class Bounded extends ByteArrayOutputStream {
        /** Thrown once the buffer would hold more than it may; no stack: it is how the writer is stopped. */
        static final class Full extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Full() {
                super("larger than " + CACHED_BYTES + " bytes");
            }

            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        }

        @Override
        public void write(int b) {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (count + len > CACHED_BYTES) {
                throw new Full();
            }
            super.write(b, off, len);
        }
    }

    @GET
    @jakarta.ws.rs.Path("archive/count")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> archiveCount() {
        return Map.of("count", store.count(MediaKind.RECORDING));
    }

    /** Recordings, snapshots and timelapses modified after {@code since}; 0 without a readable time. */
    @GET
    @jakarta.ws.rs.Path("archive/new_count")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> newCount(@QueryParam("since") String since) {
        Instant from;
        try {
            from = OffsetDateTime.parse(since).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            return Map.of("count", 0);
        }
        return Map.of("count", store.countNewerThan(from));
    }

    @GET
    @jakarta.ws.rs.Path("stream_video")
    public Response streamVideo(@QueryParam("video_path") String videoPath, @HeaderParam("Range") String range)
            throws IOException {
        return ByteRange.serve(store.resolve(MediaKind.RECORDING, videoPath).path(), range, MP4);
    }

    @POST
    @jakarta.ws.rs.Path("delete_video")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> deleteVideo(Map<String, Object> body) {
        String path = JsonBody.string(JsonBody.object(body, Set.of("video_path")), "video_path");
        store.delete(store.resolve(MediaKind.RECORDING, path));
        return Map.of("message", "Video deleted");
    }

    @GET
    @jakarta.ws.rs.Path("snapshots")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> snapshots() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MediaFile f : store.list(MediaKind.SNAPSHOT)) {
            out.add(Map.of("path", f.path().toString(), "size", f.size()));
        }
        return out;
    }

    @GET
    @jakarta.ws.rs.Path("snapshot_image")
    public Response snapshotImage(@QueryParam("path") String path, @Context Request request) {
        return Images.jpeg(store.resolve(MediaKind.SNAPSHOT, path).path(), request);
    }

    @POST
    @jakarta.ws.rs.Path("delete_snapshot")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> deleteSnapshot(Map<String, Object> body) {
        String path = JsonBody.string(JsonBody.object(body, Set.of("snapshot_path")), "snapshot_path");
        store.delete(store.resolve(MediaKind.SNAPSHOT, path));
        return Map.of("message", "Snapshot deleted");
    }

    @GET
    @jakarta.ws.rs.Path("thumbnail")
    public Response thumbnail(@QueryParam("video_path") String videoPath, @Context Request request) {
        return sidecarImage(store.resolve(MediaKind.RECORDING, videoPath), Sidecar.THUMBNAIL, request);
    }

    @GET
    @jakarta.ws.rs.Path("thumbnail/{file}")
    public Response thumbnailByName(@PathParam("file") String file, @Context Request request) {
        return sidecarImage(store.resolveName(MediaKind.RECORDING, file), Sidecar.THUMBNAIL, request);
    }

    @GET
    @jakarta.ws.rs.Path("sprite")
    public Response sprite(@QueryParam("video_path") String videoPath, @Context Request request) {
        return sidecarImage(store.resolve(MediaKind.RECORDING, videoPath), Sidecar.SPRITE, request);
    }

    @GET
    @jakarta.ws.rs.Path("sprite/{file}")
    public Response spriteByName(@PathParam("file") String file, @Context Request request) {
        return sidecarImage(store.resolveName(MediaKind.RECORDING, file), Sidecar.SPRITE, request);
    }

    private static Response sidecarImage(MediaFile video, Sidecar sidecar, Request request) {
        Optional<java.nio.file.Path> image = video.sidecar(sidecar);
        if (image.isEmpty()) {
            return ApiError.of(404, "No such image for " + video.path().getFileName());
        }
        return Images.jpeg(image.get(), request);
    }
}
