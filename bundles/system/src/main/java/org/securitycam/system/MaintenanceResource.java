package org.securitycam.system;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.securitycam.api.device.Launcher;
import org.securitycam.api.device.MaintenanceCommands;
import org.securitycam.api.eventlog.EventLog;
import org.securitycam.api.eventlog.EventTypes;
import org.securitycam.web.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintenance routes. {@code GET /system/update/check} compares the checkout with its remote.
 * {@code POST /system/restart} answers, then after 1 s restarts the OSGi framework in this process (an update of
 * the system bundle: the PID stays, every bundle starts afresh from its stored state). {@code POST /system/reboot}
 * answers, then after 2 s runs the configured reboot command; without one it answers 501. Every health and
 * maintenance route hangs off the root path, so that Jersey, which picks one root resource per path, finds
 * {@code /system/alert} and these side by side.
 */
@Component(service = MaintenanceResource.class, configurationPid = SystemConfig.PID)
@JakartarsResource
@JSONRequired
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class MaintenanceResource {
    static final Duration RESTART_DELAY = Duration.ofSeconds(1);
    static final Duration REBOOT_DELAY = Duration.ofSeconds(2);
    static final Duration REBOOT_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceResource.class);

    private final BundleContext context;
    private final Checkout checkout;
    private final List<String> rebootCommand;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "system-maintenance");
        t.setDaemon(true);
        return t;
    });

    // Optional and dynamic: maintenance works without the event log.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventLog eventLog;

    @Activate
    public MaintenanceResource(BundleContext context, @Reference Checkout checkout, SystemConfig config) {
        this.context = context;
        this.checkout = checkout;
        this.rebootCommand = Commands.configuredOr(config.reboot_command(),
                context.getProperty(MaintenanceCommands.REBOOT_PROPERTY));
    }

    @Deactivate
    void deactivate() {
        // Not shutdownNow: a reboot that was asked for still runs, even as the framework stops around it.
        later.shutdown();
    }

    @GET
    @Path("system/update/check")
    public Map<String, Object> updateCheck() {
        return checkout.updateCheck();
    }

    @POST
    @Path("system/restart")
    public Map<String, Object> restart() {
        log(EventTypes.RESTART, EventLog.Severity.INFO, "restart of the services asked through the API");
        LOG.warn("Restarting the services in {} ms, as asked through the API", RESTART_DELAY.toMillis());
        later.schedule(this::restartFramework, RESTART_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        return Map.of("message", "Restarting services...");
    }

    /** Through the launcher's restart where it offers one, else by updating the system bundle. */
    private void restartFramework() {
        try {
            Collection<ServiceReference<Runnable>> refs = context.getServiceReferences(Runnable.class,
                    "(" + Launcher.RESTART_PROPERTY + "=true)");
            if (!refs.isEmpty()) {
                ServiceReference<Runnable> ref = refs.iterator().next();
                Runnable restart = context.getService(ref);
                if (restart != null) {
                    restart.run();
                    return;
                }
            }
            context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).update();
        } catch (BundleException | InvalidSyntaxException | RuntimeException e) {
            LOG.error("Could not restart the framework", e);
        }
    }

    @POST
    @Path("system/reboot")
    public Response reboot() {
        if (rebootCommand.isEmpty()) {
            return ApiError.of(501, "No reboot command is configured on this device");
        }
        log(EventTypes.REBOOT, EventLog.Severity.WARNING, "reboot asked through the API");
        LOG.warn("Rebooting in {} ms, as asked through the API", REBOOT_DELAY.toMillis());
        later.schedule(this::runReboot, REBOOT_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        return Response.ok(Map.of("message", "Rebooting...")).build();
    }

    private void runReboot() {
        try {
            Commands.Result r = Commands.run(rebootCommand, null, Map.of(), REBOOT_TIMEOUT, true);
            if (!r.ok()) {
                LOG.error("The reboot command {} failed ({}): {}", rebootCommand.get(0),
                        r.timedOut() ? "timed out" : "exit " + r.exit(), r.firstLine());
            }
        } catch (IOException e) {
            LOG.error("The reboot command {} cannot run: {}", rebootCommand.get(0), e.getMessage());
        }
    }

    private void log(String type, EventLog.Severity severity, String detail) {
        EventLog log = eventLog;
        if (log != null) {
            log.record(type, severity, detail);
        }
    }
}
