package org.securitycam.web;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.securitycam.api.media.MediaException;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SettingsWriteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every failure into {@code {"error": ...}} JSON: client mistakes into 4xx with a sentence naming the
 * problem, anything else into a 500 that shows no internals (the stack trace goes to the log).
 */
@Component(service = ExceptionMapper.class)
@JakartarsExtension
@JakartarsName("securitycam.errors")
public class ErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof WebApplicationException w) {
            return fromWebApplication(w);
        }
        if (e instanceof MediaException m) {
            return ApiError.of(m.reason().status(), m.getMessage());
        }
        if (e instanceof InvalidSettingsException) {
            return ApiError.of(400, e.getMessage());
        }
        if (e instanceof SettingsWriteException) {
            return ApiError.of(507, e.getMessage());
        }
        if (e instanceof JacksonException j) {
            return ApiError.of(400, jsonMessage(j));
        }
        if (ClientGone.isClientGone(e)) {
            LOG.debug("The client went away: {}", e.toString());
            return ApiError.of(400, "The client went away");
        }
        LOG.error("Request failed", e);
        return ApiError.of(500, "Internal error");
    }

    private static Response fromWebApplication(WebApplicationException w) {
        Response r = w.getResponse();
        int status = r.getStatus();
        if (w.getCause() instanceof JacksonException j) {
            return ApiError.of(400, jsonMessage(j));
        }
        String message = w.getMessage() != null && !w.getMessage().startsWith("HTTP ")
                ? w.getMessage() : r.getStatusInfo().getReasonPhrase();
        if (status == 404) {
            message = "Not found";
        }
        Response.ResponseBuilder b = Response.fromResponse(ApiError.of(status, message));
        if (w instanceof NotAllowedException && r.getHeaderString("Allow") != null) {
            b.header("Allow", r.getHeaderString("Allow"));
        }
        if (status >= 500) {
            LOG.error("Request failed", w);
        }
        return b.build();
    }

    private static String jsonMessage(JacksonException e) {
        if (e instanceof StreamConstraintsException) {
            return "Request body is too deeply nested or too long";
        }
        if (e instanceof JsonParseException && e.getOriginalMessage().startsWith("Duplicate field")) {
            return "Request body has a key twice (" + e.getOriginalMessage().substring(16) + ") at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        }
        if (e instanceof JsonParseException) {
            return "Malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
        }
        if (e instanceof MismatchedInputException m) {
            Class<?> target = m.getTargetType();
            return target != null && java.util.Map.class.isAssignableFrom(target)
                    ? "Request body must be a JSON object" : "Request body has the wrong JSON type";
        }
        return "Request body is not valid JSON";
    }
}
