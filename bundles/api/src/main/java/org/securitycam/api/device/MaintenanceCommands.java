package org.securitycam.api.device;

/**
 * The maintenance commands that the device's environment names (the Debian package sets them in its environment
 * file, since the service's settings live there). The launcher copies each variable, unchanged, into its framework
 * property; the system bundle runs that command when its own configuration names none. A value is a command's words
 * separated by white space, run without a shell.
 * <p>
 * Compile-time constants on purpose, like {@link LogFiles}: the compiler copies them into the launcher.
 */
public final class MaintenanceCommands {
    /** The environment variable with the command that reboots the machine. */
    public static final String REBOOT_VARIABLE = "SECURITY_CAM_REBOOT_COMMAND";
    /** Framework property: the reboot command from {@link #REBOOT_VARIABLE}. */
    public static final String REBOOT_PROPERTY = "securitycam.reboot.command";
    /** The environment variable with the captive portal's firewall command (called with iptables' arguments). */
    public static final String FIREWALL_VARIABLE = "SECURITY_CAM_FIREWALL_COMMAND";
    /** Framework property: the firewall command from {@link #FIREWALL_VARIABLE}. */
    public static final String FIREWALL_PROPERTY = "securitycam.firewall.command";

    private MaintenanceCommands() {
    }
}
