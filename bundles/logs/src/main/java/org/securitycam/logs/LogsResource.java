package org.securitycam.logs;

import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.securitycam.api.device.LogFiles;

/**
 * The log routes. {@code GET /logs/api} (also {@code /logs}) and {@code GET /logs/mediamtx} return
 * {@code [{"ts","level","source","message"}]}, newest first, filtered by {@code level}, {@code search} and
 * {@code source} before {@code limit} (default 500, at most 2000), written out as they are read so that memory
 * does not follow the limit. {@code GET /logs/install} (also {@code /logs/scripts}) lists the script logs, and
 * {@code GET /logs/script/<category>/<file>} returns one as text; any other path there is 404.
 */
@Component(service = LogsResource.class)
@JakartarsResource
@JSONRequired
@jakarta.ws.rs.Path("logs")
@Produces(MediaType.APPLICATION_JSON)
public class LogsResource {
    static final String MEDIAMTX_FOLDER = "mediamtx";
    static final String MEDIAMTX_FILE = "mediamtx.log";
    private static final MediaType TEXT = MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8");

    private final LogReader device;
    private final LogReader mediamtx;
    private final ScriptLogs scripts;

    @Activate
    public LogsResource(BundleContext context) {
        String folder = context.getProperty(LogFiles.FOLDER_PROPERTY);
        if (folder == null) {
            throw new IllegalStateException("The launcher names no log folder (framework property "
                    + LogFiles.FOLDER_PROPERTY + ")");
        }
        Path logs = Path.of(folder);
        Path deviceFile = logs.resolve(LogFiles.DEVICE_FOLDER).resolve(LogFiles.DEVICE_FILE);
        List<Path> deviceFiles = new ArrayList<>();
        deviceFiles.add(deviceFile);
        for (int i = 1; i <= LogFiles.DEVICE_ROTATED; i++) {
            deviceFiles.add(deviceFile.resolveSibling(LogFiles.DEVICE_FILE + "." + i));
        }
        this.device = new LogReader(LogFormat.DEVICE, deviceFiles);
        this.mediamtx = new LogReader(LogFormat.MEDIAMTX,
                List.of(logs.resolve(MEDIAMTX_FOLDER).resolve(MEDIAMTX_FILE)));
        this.scripts = new ScriptLogs(logs, Set.of(LogFiles.DEVICE_FOLDER, MEDIAMTX_FOLDER));
    }

    @GET
    public Response logs(@QueryParam("limit") String limit, @QueryParam("level") String level,
            @QueryParam("search") String search, @QueryParam("source") String source) {
        return entries(device, LogQuery.of(limit, level, search, source));
    }

    @GET
    @jakarta.ws.rs.Path("api")
    public Response api(@QueryParam("limit") String limit, @QueryParam("level") String level,
            @QueryParam("search") String search, @QueryParam("source") String source) {
        return entries(device, LogQuery.of(limit, level, search, source));
    }

    @GET
    @jakarta.ws.rs.Path("mediamtx")
    public Response mediamtx(@QueryParam("limit") String limit, @QueryParam("level") String level,
            @QueryParam("search") String search, @QueryParam("source") String source) {
        return entries(mediamtx, LogQuery.of(limit, level, search, source));
    }

    @GET
    @jakarta.ws.rs.Path("install")
    public List<Map<String, Object>> install() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ScriptLogs.Item item : scripts.list()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", item.name());
            m.put("size", item.size());
            m.put("category", item.category());
            out.add(m);
        }
        return out;
    }

    @GET
    @jakarta.ws.rs.Path("scripts")
    public List<Map<String, Object>> scripts() {
        return install();
    }

    @GET
    @jakarta.ws.rs.Path("script/{category}/{file}")
    @Produces({ MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON })
    public Response script(@PathParam("category") String category, @PathParam("file") String file) {
        Path real = scripts.resolve(category, file).orElseThrow(() -> new NotFoundException("Not found"));
        // Opened when the body is written, so a HEAD request leaves nothing open.
        StreamingOutput body = out -> {
            try (FileChannel in = FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                // Up to the size it has now: a log a script is still writing is not followed.
                long size = in.size();
                WritableByteChannel target = Channels.newChannel(out);
                long done = 0;
                while (done < size) {
                    long n = in.transferTo(done, size - done, target);
                    if (n <= 0) {
                        break;
                    }
                    done += n;
                }
            }
        };
        return Response.ok(body, TEXT).build();
    }

    private static Response entries(LogReader log, LogQuery query) {
        StreamingOutput body = out -> EntriesJson.write(log, query, out);
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
