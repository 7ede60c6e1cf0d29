package org.securitycam.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.securitycam.api.auth.AuthService;
import org.securitycam.api.auth.AuthService.Attempt;
import org.securitycam.api.auth.AuthService.Outcome;
import org.securitycam.api.web.PublicFiles;

/**
 * The one check in front of everything Jetty serves, the REST API and the Web Console alike.
 * While auth is on, every request needs the token, whatever its method and whether or not its path exists,
 * except {@code /auth/status}, {@code /auth/validate}, CORS preflights, and a GET or HEAD of a file that a
 * {@link PublicFiles} service serves (the dashboard's page, which the browser loads before it can log in). The Web Console also takes the device
 * password through HTTP Basic, with any user name, counted by the same login throttle. Without the auth service
 * (starting, or its bundle missing) it fails closed: 503 for everything.
 */
@Component(service = Preprocessor.class)
public class AuthGate implements Preprocessor {
    /** The request attribute that tells the Web Console's security provider this request passed the gate. */
    public static final String AUTHENTICATED = "securitycam.authenticated";
    private static final Set<String> EXEMPT = Set.of("/auth/status", "/auth/validate");
    private static final String CONSOLE = "/system/console";

    // Optional and dynamic so that the gate exists before the auth service and outlives it: it closes, never opens.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuthService auth;

    // Multiple and dynamic: the dashboard bundle may come and go at runtime, and the gate stays.
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            fieldOption = FieldOption.UPDATE)
    private final List<PublicFiles> publicFiles = new CopyOnWriteArrayList<>();

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader("X-Content-Type-Options", "nosniff");
        AuthService auth = this.auth;
        if (auth == null) {
            response.setHeader("Retry-After", "5");
            error(response, 503, "Authentication is not available; the device is starting or misconfigured");
            return;
        }
        String path = normalisedPath(request);
        if (!auth.enabled() || isPreflight(request) || EXEMPT.contains(path) || isPublicFile(request, path)) {
            chain.doFilter(req, res);
            return;
        }
        if (auth.validToken(Credentials.token(request))) {
            request.setAttribute(AUTHENTICATED, Boolean.TRUE);
            chain.doFilter(req, res);
            return;
        }
        boolean console = path.startsWith(CONSOLE);
        String password = console ? Credentials.basicPassword(request) : null;
        if (password != null) {
            Attempt attempt = auth.login(password, request.getRemoteAddr());
            if (attempt.outcome() == Outcome.OK) {
                request.setAttribute(AUTHENTICATED, Boolean.TRUE);
                chain.doFilter(req, res);
                return;
            }
            if (attempt.outcome() == Outcome.THROTTLED) {
                response.setHeader("Retry-After", Long.toString(attempt.retryAfterSeconds()));
                error(response, 429, "Too many failed attempts; try again in " + attempt.retryAfterSeconds() + " s");
                return;
            }
        }
        if (console) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"security-cam\", charset=\"UTF-8\"");
        }
        error(response, 401, "Unauthorized");
    }

    private boolean isPublicFile(HttpServletRequest request, String path) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        for (PublicFiles files : publicFiles) {
            if (files.serves(path)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPreflight(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod()) && request.getHeader("Origin") != null
                && request.getHeader("Access-Control-Request-Method") != null;
    }

    /**
     * The path as a route would see it: decoded and with dot segments resolved. Anything that does not parse
     * gets a path no exemption matches, so it needs the token.
     */
    static String normalisedPath(HttpServletRequest request) {
        String raw = request.getRequestURI();
        try {
            String path = new URI(null, null, java.net.URLDecoder.decode(raw.replace("+", "%2B"),
                    StandardCharsets.UTF_8), null).normalize().getPath();
            return path == null ? "" : path;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "";
        }
    }

    private static void error(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"error\":\"" + message + "\"}");
    }
}
