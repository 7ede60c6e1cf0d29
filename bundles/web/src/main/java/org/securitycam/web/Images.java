package org.securitycam.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Date;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * A JPEG file as the response, cacheable for a day, with an ETag and Last-Modified from the file's identity, and
 * 304 when the client already has this version. Its type is fixed, so it is served whatever the client's
 * {@code Accept} says.
 */
public final class Images {
    public static final MediaType JPEG = new MediaType("image", "jpeg");

    private Images() {
    }

    /**
     * @param file a path its route has confined; opened without following a link, so one swapped in after the
     *        check is refused
     */
    public static Response jpeg(Path file, Request request) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return ApiError.of(404, "Not found");
        }
        if (!a.isRegularFile()) {
            return ApiError.of(404, "Not found");
        }
        long modified = a.lastModifiedTime().toMillis();
        EntityTag tag = new EntityTag(Long.toHexString(modified) + "-" + Long.toHexString(a.size()));
        CacheControl cache = new CacheControl();
        cache.setMaxAge(86_400);
        Date lastModified = new Date(modified);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(lastModified, tag);
        if (unchanged != null) {
            return unchanged.cacheControl(cache).build();
        }
        StreamingOutput body = out -> {
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, JPEG).cacheControl(cache).tag(tag).lastModified(lastModified).build();
    }
}
