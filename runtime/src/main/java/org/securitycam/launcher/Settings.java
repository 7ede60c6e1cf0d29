package org.securitycam.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.securitycam.api.device.LogFiles;
import org.securitycam.api.device.MaintenanceCommands;

/**
 * The launcher's environment: data home, port and profile, with their defaults, the folders under the data
 * home, the git checkout the device was installed from ({@code SECURITY_CAM_REPO}, null when not given), and the
 * maintenance commands the environment names (by framework property, only those given). The log folder is worked out
 * here and nowhere else.
 */
record Settings(Path home, int port, String profile, Path repo, Map<String, String> commands) {
    static Settings fromEnvironment(Map<String, String> env) {
        String home = env.get("SECURITY_CAM_HOME");
        Path homePath = home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".security-cam")
                : Path.of(home);
        String portText = env.getOrDefault("SECURITY_CAM_PORT", "5005");
        int port;
        try {
            port = Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SECURITY_CAM_PORT must be a port number, not " + portText);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SECURITY_CAM_PORT must be from 1 to 65535, not " + port);
        }
        String profile = env.get("SECURITY_CAM_PROFILE");
        if (profile == null || profile.isBlank()) {
            profile = isRaspberryPi() ? "pi" : "dev";
        } else if (!profile.equals("pi") && !profile.equals("dev")) {
            throw new IllegalArgumentException("SECURITY_CAM_PROFILE must be pi or dev, not " + profile);
        }
        String repo = env.get("SECURITY_CAM_REPO");
        Map<String, String> commands = new HashMap<>();
        commandFrom(env, MaintenanceCommands.REBOOT_VARIABLE, MaintenanceCommands.REBOOT_PROPERTY, commands);
        commandFrom(env, MaintenanceCommands.FIREWALL_VARIABLE, MaintenanceCommands.FIREWALL_PROPERTY, commands);
        return new Settings(homePath.toAbsolutePath(), port, profile,
                repo == null || repo.isBlank() ? null : Path.of(repo).toAbsolutePath(), Map.copyOf(commands));
    }

    private static void commandFrom(Map<String, String> env, String variable, String property,
            Map<String, String> commands) {
        String command = env.get(variable);
        if (command != null && !command.isBlank()) {
            commands.put(property, command.strip());
        }
    }

    /** The log folder: every log file of the device, its own and those of the tools it runs, is under it. */
    Path logs() {
        return home.resolve("logs");
    }

    void createFolders() throws IOException {
        // Not settings/: the settings store creates it, readable by this user only.
        for (String dir : new String[] { "recordings/timelapse", "deploy", "framework" }) {
            Files.createDirectories(home.resolve(dir));
        }
        Files.createDirectories(logs().resolve(LogFiles.DEVICE_FOLDER));
    }

    private static boolean isRaspberryPi() {
        try {
            return Files.readString(Path.of("/proc/device-tree/model"), StandardCharsets.ISO_8859_1)
                    .contains("Raspberry Pi");
        } catch (IOException e) {
            return false;
        }
    }
}
