package org.securitycam.web;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line in the device log per request Jetty answered, whoever answered it (a route, the gates, Jetty itself):
 * client, method, path, status and time. A request that changes something or fails is logged at INFO; one that
 * only read (GET, HEAD, OPTIONS) and succeeded only at DEBUG, so that a dashboard left open does not wear the SD
 * card. The query string is left out on purpose, because {@code ?token=} carries the API token and no secret may
 * reach the log.
 */
@Component(service = org.eclipse.jetty.server.RequestLog.class)
public class RequestLog implements org.eclipse.jetty.server.RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("http.request");

    @Override
    public void log(Request request, Response response) {
        int status = response.getStatus();
        String method = request.getMethod();
        boolean onlyRead = status < 400 && (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
        if (onlyRead ? !LOG.isDebugEnabled() : !LOG.isInfoEnabled()) {
            return;
        }
        String line = "{} {} {} {} {}ms";
        Object[] args = { Request.getRemoteAddr(request), method, request.getHttpURI().getPath(), status,
                NanoTime.millisSince(request.getBeginNanoTime()) };
        if (onlyRead) {
            LOG.debug(line, args);
        } else {
            LOG.info(line, args);
        }
    }
}
