package org.securitycam.bench;

import java.util.List;

/**
 * Requests that Jetty, not a route, answers: ambiguous and malformed URIs, dot segments, a path too long, a path no
 * servlet serves. Each must get JSON, never an HTML page.
 */
public final class HtmlCorpus {
    public static final List<String> PATHS = List.of("//sensor/status", "/sensor//status", "/sensor/%2fstatus",
            "/sensor%2Fstatus", "/sensor/status%00", "/sensor/..;/status", "/sensor/.;x/status",
            "/x/%2e%2e/sensor/status", "/x/%2E%2E/sensor/status", "/./sensor/status", "/x/../sensor/status",
            "/sensor/status/.", "/auth/status/../../sensor/status", "/%zz", "/sensor/status%", "/%u0041",
            "/sensor/st\u00e4tus", "/" + "a".repeat(20_000), "/nope", "/system/console/../../sensor/status",
            "/sensor%5cstatus", "/sensor/status?token=%zz");

    /** Routes that take a body, and one that does not exist: a chunked body over the limit gets 413 JSON on each. */
    public static final List<String> POST_ROUTES = List.of("/settings", "/sensor/configure", "/auth/validate",
            "/auth/set-password", "/auth/regenerate", "/sensor/mock/trigger", "/snapshot", "/settings/import",
            "/no/such/route");

    private HtmlCorpus() {
    }
}
