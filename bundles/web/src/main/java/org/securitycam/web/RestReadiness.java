package org.securitycam.web;

import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.osgi.service.jakartars.runtime.dto.ApplicationDTO;
import org.osgi.service.jakartars.runtime.dto.BaseDTO;
import org.osgi.service.jakartars.runtime.dto.RuntimeDTO;
import org.osgi.service.jakartars.whiteboard.JakartarsWhiteboardConstants;

/**
 * Whether the REST API is up: its whiteboard runtime is there and has taken every resource and extension that was
 * registered before it. The runtime is registered before it has added the services it found, so for a moment after
 * a start every route would answer 404 and errors would lack their JSON shape; until it has taken them all, the
 * gate answers 503. Once a runtime has, it stays up: drivers and features that come later are its own business.
 */
final class RestReadiness implements BooleanSupplier {
    private static final String WHITEBOARD_SERVICES = "(|(" + JakartarsWhiteboardConstants.JAKARTA_RS_RESOURCE
            + "=true)(" + JakartarsWhiteboardConstants.JAKARTA_RS_EXTENSION + "=true))";

    private final BundleContext context;
    private final Supplier<JakartarsServiceRuntime> runtime;
    private volatile JakartarsServiceRuntime ready;

    RestReadiness(BundleContext context, Supplier<JakartarsServiceRuntime> runtime) {
        this.context = context;
        this.runtime = runtime;
    }

    @Override
    public boolean getAsBoolean() {
        JakartarsServiceRuntime now = runtime.get();
        if (now == null) {
            return false;
        }
        if (now == ready) {
            return true;
        }
        if (takenAll(now)) {
            ready = now;
            return true;
        }
        return false;
    }

    private boolean takenAll(JakartarsServiceRuntime rest) {
        ServiceReference<?>[] registered;
        try {
            registered = context.getServiceReferences((String) null, WHITEBOARD_SERVICES);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IllegalStateException stopping) {
            return false;
        }
        if (registered == null) {
            return true;
        }
        Set<Long> taken = taken(rest.getRuntimeDTO());
        for (ServiceReference<?> r : registered) {
            if (!taken.contains((Long) r.getProperty(org.osgi.framework.Constants.SERVICE_ID))) {
                return false;
            }
        }
        return true;
    }

    /** The services the runtime has added or refused, in any of its applications. */
    private static Set<Long> taken(RuntimeDTO dto) {
        Set<Long> ids = new HashSet<>();
        add(ids, dto.failedResourceDTOs);
        add(ids, dto.failedExtensionDTOs);
        add(ids, dto.defaultApplication);
        if (dto.applicationDTOs != null) {
            for (ApplicationDTO app : dto.applicationDTOs) {
                add(ids, app);
            }
        }
        return ids;
    }

    private static void add(Set<Long> ids, ApplicationDTO app) {
        if (app != null) {
            add(ids, app.resourceDTOs);
            add(ids, app.extensionDTOs);
        }
    }

    private static void add(Set<Long> ids, BaseDTO[] dtos) {
        if (dtos != null) {
            for (BaseDTO d : dtos) {
                ids.add(d.serviceId);
            }
        }
    }
}
