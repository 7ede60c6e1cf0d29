package org.securitycam.api.web;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Static files that anyone may fetch without the API token, such as the dashboard's page and its scripts, which a
 * browser must load before it can log in. The auth gate lets a GET or HEAD request through without the token
 * only when a registered service claims its path, so an implementation claims exactly the files it serves (never a
 * prefix), and a path nobody serves still gets 401 without the token. Called on every request: it must be quick and
 * must not block.
 */
@ConsumerType
public interface PublicFiles {
    /** Whether this service serves the file at the path, as decoded and normalised, such as {@code /index.html}. */
    boolean serves(String path);
}
