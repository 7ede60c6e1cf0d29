package org.securitycam.storage;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.securitycam.api.settings.SettingsStore;
import org.securitycam.web.ApiError;
import org.securitycam.web.JsonBody;

/**
 * {@code GET /storage/status}, {@code POST /storage/configure} and {@code POST /storage/cleanup}. A configure is
 * checked whole before anything is stored, so a refused one changes nothing.
 */
@Component(service = StorageRoutes.class)
@JakartarsResource
@JSONRequired
@Path("storage")
@Produces(MediaType.APPLICATION_JSON)
public class StorageRoutes {
    /** How long a client waits for its cleanup; a longer one goes on in the background. */
    static final long CLEANUP_WAIT_SECONDS = 60;

    private final StorageService storage;
    private final SettingsStore settings;

    @Activate
    public StorageRoutes(@Reference StorageService storage, @Reference SettingsStore settings) {
        this.storage = storage;
        this.settings = settings;
    }

    @GET
    @Path("status")
    public Map<String, Object> status() {
        return storage.status();
    }

    @POST
    @Path("configure")
    public Map<String, Object> configure(Map<String, Object> body) {
        // The same rules the store applies, checked here on the client's fields alone so that the message names
        // them without the section's prefix.
        StorageLimit.validate(JsonBody.required(body));
        Map<String, Object> stored = settings.update(Map.of(StorageLimit.SECTION, body), true);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Storage limit configured");
        answer.put("config", stored.get(StorageLimit.SECTION));
        return answer;
    }

    @POST
    @Path("cleanup")
    public Response cleanup() {
        StorageService.Cleanup done;
        try {
            done = storage.cleanup(CLEANUP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (IOException e) {
            return ApiError.of(503, e.getMessage());
        } catch (TimeoutException e) {
            return ApiError.of(503, "The cleanup takes longer than " + CLEANUP_WAIT_SECONDS
                    + " s; it goes on in the background");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApiError.of(503, "The cleanup was interrupted");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("enabled", done.limit().enabled());
        if (done.result() == null) {
            answer.put("action", "skipped");
            return Response.ok(answer).build();
        }
        Retention.Result r = done.result();
        answer.put("action", r.deleted() > 0 ? "cleaned" : "ok");
        if (r.deleted() > 0) {
            answer.put("deleted", r.deleted());
            answer.put("freed_mb", Units.mb(r.freed()));
        }
        answer.put("disk_percent", r.usage() == null ? null : Units.percent(r.usage()));
        answer.put("threshold", done.limit().maxPercent());
        return Response.ok(answer).build();
    }
}
