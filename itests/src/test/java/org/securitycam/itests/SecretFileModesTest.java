package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files that hold secrets (settings.json with the token and the password hash, initial-password) are 0600 and
 * the settings folder 0700, from the first start and after every write; looser modes are repaired at the next
 * start, with an INFO line.
 */
class SecretFileModesTest {
    @TempDir
    Path dir;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void secretsArePrivateFromTheFirstStartAndAfterALoosening() throws Exception {
        Path home = dir.resolve("home");
        Path settings = home.resolve("settings");
        try (Device d = Device.startWithGeneratedPassword(home)) {
            assertEquals("rwx------", mode(settings));
            assertEquals("rw-------", mode(settings.resolve("settings.json")));
            assertEquals("rw-------", mode(settings.resolve("initial-password")));

            assertEquals(200, d.post("/settings", "{\"dashboard_theme\":\"dark\"}").statusCode());
            assertEquals("rw-------", mode(settings.resolve("settings.json")));
            try (var files = Files.list(settings)) {
                assertEquals(2, files.count(), "only settings.json and initial-password");
            }

            d.restartWith(() -> {
                Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.setPosixFilePermissions(settings.resolve("settings.json"), PosixFilePermissions.fromString("rw-r--r--"));
                Files.setPosixFilePermissions(settings.resolve("initial-password"), PosixFilePermissions.fromString("rw-rw-rw-"));
            });
            assertEquals("rwx------", mode(settings));
            assertEquals("rw-------", mode(settings.resolve("settings.json")));
            assertEquals("rw-------", mode(settings.resolve("initial-password")));
            String log = d.log();
            for (String name : new String[] { "settings was rwxr-xr-x", "settings.json was rw-r--r--",
                    "initial-password was rw-rw-rw-" }) {
                assertTrue(log.contains(name) && log.contains("[INFO]"), "no INFO line saying " + name + " in\n" + log);
            }
        }
    }
}
