package org.securitycam.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Whether an {@code Origin} or {@code Referer} names the scheme, host and port a request was sent to. */
final class Origins {
    private Origins() {
    }

    static boolean same(String source, String scheme, String host, int port) {
        try {
            URI uri = new URI(source);
            if (uri.getScheme() == null || uri.getHost() == null || scheme == null || host == null) {
                return false;
            }
            String s = uri.getScheme().toLowerCase(Locale.ROOT);
            String own = scheme.toLowerCase(Locale.ROOT);
            return s.equals(own) && uri.getHost().equalsIgnoreCase(host)
                    && port(s, uri.getPort()) == port(own, port);
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
}
