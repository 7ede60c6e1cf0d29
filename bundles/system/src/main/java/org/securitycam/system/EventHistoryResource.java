package org.securitycam.system;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.securitycam.api.eventlog.EventLog;

/**
 * {@code GET /event_history?hours=} (at most 4380, half a year): the event log's entries of the last hours,
 * oldest first, as {@code [{"ts","type","severity","detail"?}]}, and {@code GET /event_history/csv}, the same as
 * an RFC 4180 CSV attachment with the header {@code ts,type,severity,detail}.
 */
@Component(service = EventHistoryResource.class)
@JakartarsResource
@JSONRequired
@Path("event_history")
public class EventHistoryResource {
    static final double MAX_HOURS = 4380;
    static final double DEFAULT_HOURS = 24;
    private static final MediaType CSV = new MediaType("text", "csv", "UTF-8");

    private final EventLog log;

    @Activate
    public EventHistoryResource(@Reference EventLog log) {
        this.log = log;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> history(@QueryParam("hours") String hours) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EventLog.Entry e : entries(hours)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ts", Times.iso(e.ts()));
            m.put("type", e.type());
            m.put("severity", e.severity().label());
            if (e.detail() != null) {
                m.put("detail", e.detail());
            }
            out.add(m);
        }
        return out;
    }

    @GET
    @Path("csv")
    @Produces({ "text/csv", MediaType.APPLICATION_JSON })
    public Response csv(@QueryParam("hours") String hours) {
        StringBuilder csv = new StringBuilder("ts,type,severity,detail\r\n");
        for (EventLog.Entry e : entries(hours)) {
            csv.append(Times.iso(e.ts())).append(',').append(field(e.type())).append(',')
                    .append(e.severity().label()).append(',').append(field(e.detail())).append("\r\n");
        }
        return Response.ok(csv.toString().getBytes(StandardCharsets.UTF_8), CSV)
                .header("Content-Disposition", "attachment; filename=\"event_history.csv\"").build();
    }

    private List<EventLog.Entry> entries(String hours) {
        double h = Hours.of(hours, DEFAULT_HOURS, MAX_HOURS);
        return log.since(Instant.now().minusMillis((long) (h * 3_600_000)));
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
