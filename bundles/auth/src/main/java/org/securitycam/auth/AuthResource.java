package org.securitycam.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.securitycam.api.auth.AuthService;
import org.securitycam.api.auth.AuthService.Attempt;
import org.securitycam.web.ApiError;
import org.securitycam.web.Credentials;
import org.securitycam.web.JsonBody;

/** The {@code /auth/*} routes of the public API. */
@Component(service = AuthResource.class)
@JakartarsResource
@JSONRequired
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    private final AuthService auth;

    @Activate
    public AuthResource(@Reference AuthService auth) {
        this.auth = auth;
    }

    @GET
    @Path("status")
    public Map<String, Object> status(@Context HttpServletRequest request) {
        Map<String, Object> out = new HashMap<>();
        out.put("enabled", auth.enabled());
        String token = Credentials.token(request);
        out.put("valid", token == null ? null : auth.validToken(token));
        return out;
    }

    @POST
    @Path("validate")
    public Response validate(Map<String, Object> body, @Context HttpServletRequest request) {
        String password = JsonBody.string(JsonBody.object(body, Set.of("password")), "password");
        Attempt attempt = auth.login(password, request.getRemoteAddr());
        return switch (attempt.outcome()) {
            case OK -> Response.ok(Map.of("valid", true, "token", attempt.token())).build();
            case WRONG -> Response.ok(Map.of("valid", false)).build();
            case THROTTLED -> throttled(attempt);
        };
    }

    @POST
    @Path("regenerate")
    public Map<String, Object> regenerate() {
        return Map.of("token", auth.regenerateToken());
    }

    @POST
    @Path("set-password")
    public Response setPassword(Map<String, Object> body, @Context HttpServletRequest request) {
        JsonBody.object(body, Set.of("current", "new"));
        String current = JsonBody.string(body, "current");
        String next = JsonBody.string(body, "new");
        Attempt attempt = auth.changePassword(current, next, request.getRemoteAddr());
        return switch (attempt.outcome()) {
            case OK -> Response.ok(Map.of("message", "Password updated")).build();
            case WRONG -> ApiError.of(403, "Current password is wrong");
            case THROTTLED -> throttled(attempt);
        };
    }

    private static Response throttled(Attempt attempt) {
        return Response.fromResponse(ApiError.of(429, "Too many failed attempts; try again in "
                + attempt.retryAfterSeconds() + " s")).header("Retry-After", attempt.retryAfterSeconds()).build();
    }

}
