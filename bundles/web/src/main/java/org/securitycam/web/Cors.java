package org.securitycam.web;

import java.net.URI;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Cross-origin access: same-origin only unless origins are configured, and never {@code *}. A preflight is answered
 * here and never runs a resource: 204 with the allowed methods for the device's own origin or a configured one,
 * 403 otherwise.
 */
@Component(service = { ContainerRequestFilter.class, ContainerResponseFilter.class },
        configurationPid = "securitycam.web.cors")
@Designate(ocd = Cors.Config.class)
@JakartarsExtension
@JakartarsName("securitycam.cors")
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class Cors implements ContainerRequestFilter, ContainerResponseFilter {
    @ObjectClassDefinition(name = "security-cam CORS", description = "Which other web origins may call the API")
    @interface Config {
        @AttributeDefinition(name = "Allowed origins",
                description = "Exact origins such as https://dashboard.example; empty means same-origin only")
        String[] allowed_origins() default {};
    }

    private final Set<String> allowed;

    @Activate
    public Cors(Config config) {
        this.allowed = Set.of(config.allowed_origins());
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (!"OPTIONS".equals(request.getMethod()) || origin == null
                || request.getHeaderString("Access-Control-Request-Method") == null) {
            return;
        }
        URI own = request.getUriInfo().getBaseUri();
        if (!allowed.contains(origin) && !Origins.same(origin, own.getScheme(), own.getHost(), own.getPort())) {
            request.abortWith(ApiError.of(403, "Origin not allowed: " + origin));
            return;
        }
        Response.ResponseBuilder ok = Response.noContent()
                .header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                .header("Access-Control-Allow-Headers", "Authorization, Content-Type, Last-Event-ID")
                .header("Access-Control-Max-Age", "600");
        request.abortWith(ok.build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin != null && allowed.contains(origin)) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle("Access-Control-Allow-Origin", origin);
            headers.putSingle("Access-Control-Allow-Credentials", "true");
            headers.add("Vary", "Origin");
        }
    }
}
