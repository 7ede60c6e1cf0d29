package org.securitycam.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The system bundle's sources, faked under a folder: a thermal zone file, a vcgencmd that prints the throttle flags
 * of a file (and hangs while a file named {@code hang} exists), a block device with a {@code life_time}, and the
 * configuration that points the device at them, through FileInstall, as an administrator would write it.
 */
final class SystemFakes {
    final Path dir;

    SystemFakes(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("block/mmcblk0/device"));
        temperature("64900");
        throttled("0x0");
        lifeTime("0x01 0x02");
        script("vcgencmd", "echo \"$@\" >> " + dir.resolve("vcgencmd.args") + "\n"
                + "if [ -e " + dir.resolve("hang") + " ]; then sleep 60; fi\n"
                + "printf 'throttled=%s\\n' \"$(cat " + dir.resolve("throttled") + ")\"\n");
    }

    /** A command that appends its arguments, one run per line, to {@code <name>.args}, and exits with 0. */
    Path recorder(String name) throws IOException {
        return script(name, "echo \"$@\" >> " + dir.resolve(name + ".args") + "\n");
    }

    Path script(String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** What a recorder or vcgencmd was run with, one run per line. */
    List<String> runs(String name) throws IOException {
        Path args = dir.resolve(name + ".args");
        return Files.exists(args) ? Files.readAllLines(args) : List.of();
    }

    void temperature(String millidegrees) throws IOException {
        write("thermal_zone0_temp", millidegrees + "\n");
    }

    void throttled(String hex) throws IOException {
        write("throttled", hex + "\n");
    }

    void lifeTime(String text) throws IOException {
        write("block/mmcblk0/device/life_time", text + "\n");
    }

    /** Written whole and renamed, so a sampler never reads half a value. */
    private void write(String name, String text) throws IOException {
        Path tmp = dir.resolve(".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, dir.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The configuration {@code securitycam.system} in FileInstall's typed format, with these extra lines (such as
     * {@code reboot.command=["/path","now"]}); every interval is a second so that tests need not wait.
     */
    void configure(Path home, String... extra) throws IOException {
        StringBuilder c = new StringBuilder();
        c.append("thermal.zone=\"").append(dir.resolve("thermal_zone0_temp")).append("\"\n");
        c.append("vcgencmd=[\"").append(dir.resolve("vcgencmd")).append("\"]\n");
        c.append("block.devices=\"").append(dir.resolve("block")).append("\"\n");
        c.append("command.timeout.seconds=I\"2\"\n");
        c.append("sample.interval.seconds=I\"1\"\n");
        c.append("alert.interval.seconds=I\"1\"\n");
        c.append("health.interval.seconds=I\"1\"\n");
        for (String line : extra) {
            c.append(line).append('\n');
        }
        Files.createDirectories(home.resolve("deploy"));
        Files.writeString(home.resolve("deploy/securitycam.system.config"), c);
    }
}
