package org.securitycam.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/**
 * Cross-site protection for the Web Console, which a browser authenticates with the device password on every
 * request: a request that can change something (any method but GET and HEAD) must come from the device's own
 * origin, as its {@code Origin} header says, or failing that its {@code Referer}. Otherwise it gets 403, before
 * the auth gate, so a page the owner visits can never start, stop or install bundles. A browser sends one of them
 * with every such request; a script must send {@code Origin} itself.
 */
@Component(service = Preprocessor.class, property = "service.ranking:Integer=10")
public class ConsoleOrigin implements Preprocessor {
    private static final String CONSOLE = "/system/console";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || !AuthGate.normalisedPath(request).startsWith(CONSOLE)) {
            chain.doFilter(req, res);
            return;
        }
        String origin = request.getHeader("Origin");
        String source = origin != null ? origin : request.getHeader("Referer");
        if (source == null || !Origins.same(source, request.getScheme(), request.getServerName(),
                request.getServerPort())) {
            HttpServletResponse response = (HttpServletResponse) res;
            response.setStatus(403);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(ApiError.json(source == null
                    ? "A Web Console request that changes something must say where it comes from (Origin)"
                    : "Cross-site Web Console request refused: it comes from " + originOf(source)));
            return;
        }
        chain.doFilter(req, res);
    }

    /** Only the origin of a Referer is repeated back, never its path or query. */
    private static String originOf(String source) {
        try {
            URI uri = new URI(source);
            return uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (URISyntaxException e) {
            return "an unreadable origin";
        }
    }
}
