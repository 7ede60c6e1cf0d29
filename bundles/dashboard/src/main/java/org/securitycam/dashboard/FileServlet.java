package org.securitycam.dashboard;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers GET and HEAD with a file of the page: the compressed copy the client accepts, its caching headers, and
 * 304 for a copy the client already has. Anything that is not a file of the page is 404, any other method 405,
 * both as JSON like every other error of the device.
 */
abstract class FileServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient StaticFiles files;

    FileServlet(DashboardFiles files) {
        this.files = files.files();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        boolean head = "HEAD".equals(method);
        if (!head && !"GET".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            error(response, 405, "Only GET and HEAD are allowed here");
            return;
        }
        String path = request.getServletPath() + Optional.ofNullable(request.getPathInfo()).orElse("");
        Optional<StaticFiles.Variant> found = files.resolve(path.isEmpty() ? "/" : path,
                request.getHeader("Accept-Encoding"));
        if (found.isEmpty()) {
            error(response, 404, "No such file of the dashboard");
            return;
        }
        StaticFiles.Variant variant = found.get();
        response.setHeader("Cache-Control", variant.cacheControl());
        response.setHeader("Vary", "Accept-Encoding");
        response.setHeader("ETag", variant.etag());
        if (variant.etag().equals(request.getHeader("If-None-Match"))) {
            response.setStatus(304);
            return;
        }
        response.setContentType(variant.contentType());
        if (variant.encoding() != null) {
            response.setHeader("Content-Encoding", variant.encoding());
        }
        response.setContentLength(variant.body().length);
        if (!head) {
            response.getOutputStream().write(variant.body());
        }
    }

    private static void error(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"error\":\"" + message + "\"}");
    }
}
