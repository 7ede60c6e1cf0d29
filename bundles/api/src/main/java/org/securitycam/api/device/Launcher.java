package org.securitycam.api.device;

/**
 * What the launcher offers the bundles. It registers a {@code java.lang.Runnable} service with the property
 * {@link #RESTART_PROPERTY}{@code =true} that restarts the device's services in this process: the framework stops,
 * and a new framework starts from the same storage, so nothing of the old one stays behind. Without the service (a
 * framework that another launcher started), an update of the system bundle is the standard way to restart.
 * <p>
 * A compile-time constant, so that the launcher can use it before any bundle exists.
 */
public final class Launcher {
    /** Service property of the launcher's restart service. */
    public static final String RESTART_PROPERTY = "securitycam.launcher.restart";

    private Launcher() {
    }
}
