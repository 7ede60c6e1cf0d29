package org.securitycam.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error pages, in the API's {@code {"error": ...}} shape whatever the client accepts: for what Jetty
 * refuses before any servlet runs (a malformed or ambiguous URI, oversized headers) and for every
 * {@code sendError} of a servlet (the 404 of a path no servlet serves, the Web Console's errors). An internal
 * error shows only its status, never a message that may carry internals.
 */
final class JsonErrorPages {
    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");
    private static final HttpField NOSNIFF = new HttpField("X-Content-Type-Options", "nosniff");

    private JsonErrorPages() {
    }

    /** The sentence a client sees for a status and the message Jetty or a servlet gave with it. */
    static String message(int status, String message) {
        if (status == HttpStatus.NOT_FOUND_404) {
            return "Not found";
        }
        if (status == HttpStatus.INTERNAL_SERVER_ERROR_500 || message == null || message.isBlank()) {
            String reason = HttpStatus.getMessage(status);
            return reason == null ? "Error " + status : reason;
        }
        return message;
    }

    static byte[] body(int status, String message) {
        return ApiError.json(message(status, message)).getBytes(StandardCharsets.UTF_8);
    }

    /** For the server: errors Jetty raises before any context. */
    static final class Server extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                Callback callback) {
            response.getHeaders().put(JSON);
            response.getHeaders().put(NOSNIFF);
            response.write(true, ByteBuffer.wrap(body(code, message)), callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(JSON);
            fields.put(NOSNIFF);
            return ByteBuffer.wrap(body(status, reason));
        }
    }

    /** For the servlet context: the errors servlets send, and what the servlet layer refuses. */
    static final class Servlets extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        @Override
        protected void generateAcceptableResponse(ServletContextRequest baseRequest, HttpServletRequest request,
                HttpServletResponse response, int code, String message) throws IOException {
            response.setContentType("application/json");
            response.setHeader(NOSNIFF.getName(), NOSNIFF.getValue());
            response.getOutputStream().write(body(code, message));
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(JSON);
            fields.put(NOSNIFF);
            return ByteBuffer.wrap(body(status, reason));
        }
    }
}
