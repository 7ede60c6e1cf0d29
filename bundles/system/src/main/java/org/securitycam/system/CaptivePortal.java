package org.securitycam.system;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.securitycam.api.device.MaintenanceCommands;
import org.securitycam.api.events.Topics;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SettingsStore;
import org.securitycam.web.JsonBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The captive portal: a firewall rule that redirects port 80 to the dashboard's port, present exactly while the
 * {@code CaptivePortal} setting is on. The rule is made or removed through the configured firewall command
 * (iptables' arguments are added to it) at start and whenever the setting changes, one change at a time.
 * {@code GET /captive-portal} answers {@code {"enabled","active"}}, {@code active} read from the rule itself;
 * {@code POST /captive-portal {"enabled": bool}} stores the setting and answers the same once the rule follows.
 * Without a firewall command the setting is still kept, no command runs, and {@code active} is false.
 */
// Immediate: the firewall rule follows the setting from the start, not from the first request.
@Component(service = { CaptivePortal.class, EventHandler.class }, immediate = true, configurationPid = SystemConfig.PID,
        property = EventConstants.EVENT_TOPIC + "=" + Topics.SETTINGS_CHANGED)
@JakartarsResource
@JSONRequired
@Path("captive-portal")
@Produces(MediaType.APPLICATION_JSON)
public class CaptivePortal implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CaptivePortal.class);

    private final SettingsStore settings;
    private final List<String> firewall;
    private final String dashboardPort;
    private final Duration timeout;
    private final ExecutorService changes = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "system-captive-portal");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public CaptivePortal(BundleContext context, @Reference SettingsStore settings, SystemConfig config) {
        this.settings = settings;
        this.firewall = Commands.configuredOr(config.firewall_command(),
                context.getProperty(MaintenanceCommands.FIREWALL_PROPERTY));
        String port = context.getProperty("org.osgi.service.http.port");
        this.dashboardPort = port != null ? port : "5005";
        this.timeout = Duration.ofSeconds(config.command_timeout_seconds());
        follow();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        // A change under way finishes first: the next instance (after a configuration change) must find the rule
        // as this one left it, or both would add it.
        changes.shutdown();
        changes.awaitTermination(3 * timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(Topics.SECTIONS) instanceof List<?> sections
                && sections.contains(CaptivePortalSection.SECTION)) {
            follow();
        }
    }

    @GET
    public Map<String, Object> status() {
        return status(active());
    }

    @POST
    public Map<String, Object> set(Map<String, Object> body) {
        JsonBody.object(body, Set.of("enabled"));
        if (!(body.get("enabled") instanceof Boolean enabled)) {
            throw new InvalidSettingsException("enabled is required and must be a boolean");
        }
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("enabled", enabled);
        settings.update(Map.of(CaptivePortalSection.SECTION, section), false);
        try {
            // Behind the change the setting's event asked for, so the answer shows the rule as it now is.
            return status(changes.submit(this::active).get(4 * timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.warn("The captive portal's firewall rule did not follow the setting in time");
        }
        return status(active());
    }

    private Map<String, Object> status(boolean active) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", enabled());
        m.put("active", active);
        return m;
    }

    private boolean enabled() {
        return CaptivePortalSection.enabled(settings.section(CaptivePortalSection.SECTION));
    }

    /** Makes the rule follow the setting, in the background. */
    private void follow() {
        try {
            changes.execute(this::apply);
        } catch (RejectedExecutionException e) {
            // deactivated: the next start applies the setting
        }
    }

    private void apply() {
        if (firewall.isEmpty()) {
            return;
        }
        boolean wanted = enabled();
        // iptables adds a rule again if asked twice, so one that was added twice is removed until none is left.
        for (int i = 0; i < 5 && wanted != active(); i++) {
            Commands.Result r = iptables(wanted ? "-A" : "-D");
            if (r == null || !r.ok()) {
                LOG.error("Could not {} the captive portal's redirect of port 80: {}", wanted ? "add" : "remove",
                        r == null ? "the firewall command cannot run" : r.timedOut() ? "timed out" : r.firstLine());
                return;
            }
            LOG.info("Captive portal {}: port 80 {}", wanted ? "on" : "off",
                    wanted ? "redirects to " + dashboardPort : "is no longer redirected");
        }
    }

    /** Whether the redirect rule is there now; false without a firewall command. */
    private boolean active() {
        if (firewall.isEmpty()) {
            return false;
        }
        Commands.Result r = iptables("-C");
        return r != null && r.ok();
    }

    private Commands.Result iptables(String operation) {
        List<String> args = new ArrayList<>(firewall);
        args.addAll(List.of("-t", "nat", operation, "PREROUTING", "-p", "tcp", "--dport", "80", "-j", "REDIRECT",
                "--to-ports", dashboardPort));
        try {
            return Commands.run(args, null, Map.of(), timeout, true);
        } catch (IOException e) {
            LOG.warn("The firewall command {} cannot run: {}", firewall.get(0), e.getMessage());
            return null;
        }
    }
}
