package org.securitycam.system;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/** Where the launcher says the data home is, and this bundle's folder in it. */
final class DataHome {
    private DataHome() {
    }

    static Path of(BundleContext context) {
        String home = context.getProperty("securitycam.home");
        return home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".security-cam");
    }

    /** {@code history/}: the health samples and the event log. */
    static Path history(BundleContext context) {
        return of(context).resolve("history");
    }
}
