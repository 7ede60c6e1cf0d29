package org.securitycam.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import jakarta.ws.rs.core.Response;

/** The one error shape of the API: {@code {"error": "<what is wrong>"}}, plus optional extra fields. */
public final class ApiError {
    private ApiError() {
    }

    public static Response of(int status, String message) {
        return of(status, message, Map.of());
    }

    public static Response of(int status, String message, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.putAll(extra);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** The same shape as text, for what answers below the REST layer (the servlet gate, Jetty's own refusals). */
    public static String json(String message) {
        return "{\"error\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(message)) + "\"}";
    }
}
