package org.securitycam.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * A route that takes no body refuses one (400), so that a request it cannot understand never acts. An empty body
 * or an empty object {@code {}} is accepted, as some clients send one with every POST.
 */
@Component(service = ContainerRequestFilter.class)
@JakartarsExtension
@JakartarsName("securitycam.no-body")
public class NoBodyRule implements ContainerRequestFilter {
    @Context
    private ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        Method method = resource.getResourceMethod();
        if (method == null || !request.hasEntity() || takesBody(method)) {
            return;
        }
        byte[] body = request.getEntityStream().readAllBytes();
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (!text.isEmpty() && !text.replaceAll("\\s", "").equals("{}")) {
            throw new WebApplicationException("This route takes no request body", 400);
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    /** A resource method takes a body if one of its parameters has no JAX-RS annotation. */
    private static boolean takesBody(Method method) {
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            boolean injected = false;
            for (Annotation a : annotations) {
                injected |= a.annotationType().getPackageName().equals("jakarta.ws.rs")
                        || a.annotationType().getPackageName().equals("jakarta.ws.rs.core");
            }
            if (!injected) {
                return true;
            }
        }
        return false;
    }
}
