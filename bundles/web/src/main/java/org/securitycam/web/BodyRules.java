package org.securitycam.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * Spec §0 body rules for every route: a body must be {@code application/json} (415 otherwise, which also
 * stops cross-site form posts) and at most 256 KiB (413), whether or not it declares its length.
 */
@Component(service = ContainerRequestFilter.class)
@JakartarsExtension
@JakartarsName("securitycam.body-rules")
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public class BodyRules implements ContainerRequestFilter {
    public static final int MAX_BODY = 256 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.hasEntity()) {
            return;
        }
        MediaType type = request.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.isWildcardSubtype()) {
            throw new WebApplicationException("Content-Type must be application/json", 415);
        }
        if (request.getLength() > MAX_BODY) {
            throw new WebApplicationException(tooLarge(), 413);
        }
        request.setEntityStream(new Bounded(request.getEntityStream()));
    }

    private static String tooLarge() {
        return "Request body is larger than " + MAX_BODY / 1024 + " KiB";
    }

    /** Fails the read once more than the limit has come, for bodies sent without a length. */
    private static final class Bounded extends FilterInputStream {
        private long read;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > MAX_BODY) {
                throw new WebApplicationException(tooLarge(), 413);
            }
        }
    }
}
