package org.securitycam.core;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/** Where the launcher says the data home is, and which profile runs. */
final class DataHome {
    static final String HOME_PROPERTY = "securitycam.home";
    static final String PROFILE_PROPERTY = "securitycam.profile";

    private DataHome() {
    }

    static Path of(BundleContext context) {
        String home = context.getProperty(HOME_PROPERTY);
        return home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".security-cam");
    }

    static boolean isDevProfile(BundleContext context) {
        return !"pi".equals(context.getProperty(PROFILE_PROPERTY));
    }
}
