package org.securitycam.web;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.ByteBufferContentSource;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first thing every request meets in Jetty, before any servlet.
 * <ul>
 * <li>Until the REST API is up, everything gets 503 {@code {"error":"Starting"}}.</li>
 * <li>A path with {@code .} or {@code ..} segments is refused (400) rather than resolved, like every other
 * ambiguous path.</li>
 * <li>A body is read in full before the request goes on, without a thread while it arrives, at most
 * {@link #MAX_BODY} bytes (413), at a minimum pace (408; see {@link BodyReader}). So a slow client holds a
 * connection, never a thread, and no route ever waits on its client. The one exception is a bundle upload to the
 * Web Console (multipart), which may be larger: it is streamed to the console, which reads it only after the auth
 * gate let the request in.</li>
 * </ul>
 */
final class RequestGate extends Handler.Wrapper {
    static final int MAX_BODY = 256 * 1024;
    /** Bodies held in memory at once, across every request: a flood of large bodies must not exhaust the heap. */
    static final long BODY_BUDGET = 16L * 1024 * 1024;
    static final String CONSOLE = "/system/console";
    private static final Logger LOG = LoggerFactory.getLogger(RequestGate.class);

    private final BooleanSupplier apiUp;
    private final AtomicLong budget = new AtomicLong(BODY_BUDGET);

    RequestGate(BooleanSupplier apiUp) {
        this.apiUp = apiUp;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!apiUp.getAsBoolean()) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            Response.writeError(request, response, callback, 503, "Starting");
            return true;
        }
        if (hasDotSegment(request.getHttpURI().getPath())) {
            Response.writeError(request, response, callback, 400, "The path must not contain . or .. segments");
            return true;
        }
        if (!hasBody(request) || isConsoleUpload(request)) {
            return super.handle(request, response, callback);
        }
        if (request.getLength() > MAX_BODY + BodyReader.DISCARD) {
            Response.writeError(request, response, callback, 413, BodyReader.tooLarge(MAX_BODY));
            return true;
        }
        new BodyReader(request, MAX_BODY, budget, new BodyReader.Outcome() {
            @Override
            public void body(ByteBuffer body) {
                proceed(new Buffered(request, body), response, callback);
            }

            @Override
            public void refused(int status, String message) {
                LOG.debug("Refused the body of {} {} from {}: {}", request.getMethod(), Request.getPathInContext(request),
                        Request.getRemoteAddr(request), message);
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                Response.writeError(request, response, callback, status, message);
            }

            @Override
            public void failed(Throwable cause) {
                LOG.debug("{} went away while sending the body of {} {}: {}", Request.getRemoteAddr(request),
                        request.getMethod(), Request.getPathInContext(request), String.valueOf(cause));
                callback.failed(cause);
            }
        }).start();
        return true;
    }

    private void proceed(Request request, Response response, Callback callback) {
        try {
            if (!super.handle(request, response, callback)) {
                Response.writeError(request, response, callback, 404);
            }
        } catch (Throwable t) {
            Response.writeError(request, response, callback, t);
        }
    }

    private static boolean isConsoleUpload(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        return Request.getPathInContext(request).startsWith(CONSOLE) && type != null
                && type.regionMatches(true, 0, "multipart/", 0, 10);
    }

    private static boolean hasBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    /** Whether a raw path has a segment that is exactly {@code .} or {@code ..}, path parameters aside. */
    static boolean hasDotSegment(String path) {
        if (path == null) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            int params = segment.indexOf(';');
            String name = params < 0 ? segment : segment.substring(0, params);
            if (name.equals(".") || name.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** The request with its body already in memory: whoever reads it next never waits. */
    private static final class Buffered extends Request.Wrapper {
        private final Content.Source body;

        Buffered(Request request, ByteBuffer body) {
            super(request);
            this.body = new ByteBufferContentSource(body);
        }

        @Override
        public Content.Chunk read() {
            return body.read();
        }

        @Override
        public void demand(Runnable demandCallback) {
            body.demand(demandCallback);
        }

        @Override
        public void fail(Throwable failure) {
            body.fail(failure);
        }
    }
}
