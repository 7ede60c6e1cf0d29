package org.securitycam.web;

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
 * A body must be {@code application/json} in UTF-8, the only encoding JSON has (415 otherwise, which also stops
 * cross-site form posts). Its size was checked before it reached the REST layer (see {@link RequestGate}).
 */
@Component(service = ContainerRequestFilter.class)
@JakartarsExtension
@JakartarsName("securitycam.body-rules")
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public class BodyRules implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.hasEntity()) {
            return;
        }
        MediaType type = request.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.isWildcardSubtype()) {
            throw new WebApplicationException("Content-Type must be application/json", 415);
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("UTF-8")) {
            throw new WebApplicationException("JSON must be UTF-8, not " + charset, 415);
        }
    }
}
