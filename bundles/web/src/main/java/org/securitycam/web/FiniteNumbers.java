package org.securitycam.web;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * A number in a request body that no double can hold ({@code 1e309}) is refused with 400, anywhere in the body,
 * never stored as infinity (nor, in settings.json, as the string {@code "Infinity"}).
 */
@Component(service = ReaderInterceptor.class)
@JakartarsExtension
@JakartarsName("securitycam.finite-numbers")
public class FiniteNumbers implements ReaderInterceptor {
    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object body = context.proceed();
        if (!finite(body)) {
            throw new WebApplicationException("A number in the request body is too large", 400);
        }
        return body;
    }

    static boolean finite(Object value) {
        if (value instanceof Double d) {
            return Double.isFinite(d);
        }
        if (value instanceof Float f) {
            return Float.isFinite(f);
        }
        if (value instanceof Map<?, ?> m) {
            return m.values().stream().allMatch(FiniteNumbers::finite);
        }
        if (value instanceof Collection<?> c) {
            return c.stream().allMatch(FiniteNumbers::finite);
        }
        return true;
    }
}
