package org.securitycam.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

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
        if (source == null || !sameOrigin(source, request)) {
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

    /** Whether an Origin or Referer value names the scheme, host and port the request was sent to. */
    static boolean sameOrigin(String source, HttpServletRequest request) {
        try {
            URI uri = new URI(source);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            return scheme.equals(request.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost().equalsIgnoreCase(request.getServerName())
                    && port(scheme, uri.getPort()) == request.getServerPort();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int port(String scheme, int port) {
        if (port >= 0) {
            return port;
        }
        return scheme.equals("https") ? 443 : 80;
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
