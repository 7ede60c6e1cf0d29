package org.securitycam.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
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
}
