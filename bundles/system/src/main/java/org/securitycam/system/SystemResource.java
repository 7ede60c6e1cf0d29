package org.securitycam.system;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * The health routes: {@code GET /system_info} (with {@code ?extended=1} the {@code /system_stats} object under
 * {@code "extended"}), {@code GET /system_stats}, {@code GET /system_alert_state} (also {@code /system/alert}),
 * {@code GET /health_history?hours=} (at most 72) and {@code GET /deploy_info}. None of them waits for a source:
 * they answer from the last readings.
 */
@Component(service = SystemResource.class)
@JakartarsResource
@JSONRequired
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {
    static final double MAX_HEALTH_HOURS = 72;
    static final double DEFAULT_HOURS = 24;

    private final HealthMonitor monitor;
    private final Checkout checkout;

    @Activate
    public SystemResource(@Reference HealthMonitor monitor, @Reference Checkout checkout) {
        this.monitor = monitor;
        this.checkout = checkout;
    }

    @GET
    @Path("system_info")
    public Map<String, Object> systemInfo(@QueryParam("extended") String extended) {
        Map<String, Object> info = monitor.systemInfo();
        if (extended(extended)) {
            info.put("extended", systemStats());
        }
        return info;
    }

    private static boolean extended(String value) {
        if (value == null || value.equals("0") || value.equalsIgnoreCase("false") || value.isEmpty()) {
            return false;
        }
        if (value.equals("1") || value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new BadRequestException("extended must be 1 or 0");
    }

    @GET
    @Path("system_stats")
    public Map<String, Object> systemStats() {
        Map<String, Object> stats = monitor.systemStats();
        stats.putAll(checkout.deployInfo());
        return stats;
    }

    @GET
    @Path("system_alert_state")
    public Map<String, Object> alertState() {
        return monitor.alertState();
    }

    @GET
    @Path("system/alert")
    public Map<String, Object> alert() {
        return monitor.alertState();
    }

    @GET
    @Path("health_history")
    public List<Map<String, Object>> healthHistory(@QueryParam("hours") String hours) {
        return monitor.healthHistory(Hours.of(hours, DEFAULT_HOURS, MAX_HEALTH_HOURS));
    }

    @GET
    @Path("deploy_info")
    public Map<String, Object> deployInfo() {
        return checkout.deployInfo();
    }
}
