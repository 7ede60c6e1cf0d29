package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The maintenance commands from the device's environment, as the Debian package configures them: without a
 * configuration of the system bundle, SECURITY_CAM_FIREWALL_COMMAND makes the captive portal's rule and
 * SECURITY_CAM_REBOOT_COMMAND reboots, each split into its words and run without a shell.
 */
class EnvironmentCommandsTest {
    @TempDir
    Path dir;

    @Test
    void theEnvironmentsCommandsRunWhenNoConfigurationNamesOne() throws Exception {
        SystemFakes fakes = new SystemFakes(dir.resolve("fakes"));
        Path reboot = fakes.recorder("reboot");
        Path firewall = fakes.script("firewall", "echo \"$@\" >> " + fakes.dir.resolve("firewall.args") + "\n"
                + "[ \"$4\" != -C ] || [ -e " + fakes.dir.resolve("rule") + " ] || exit 1\n"
                + "[ \"$4\" != -A ] || touch " + fakes.dir.resolve("rule") + "\n");
        try (Device device = Device.startWithEnvironment(dir.resolve("home"), Map.of(
                "SECURITY_CAM_REBOOT_COMMAND", reboot + "  now",
                "SECURITY_CAM_FIREWALL_COMMAND", " " + firewall + " --portal"))) {
            String rule = "PREROUTING -p tcp --dport 80 -j REDIRECT --to-ports " + device.port;
            HotDeployTest.await(device, "the firewall rule of the default setting", 20_000,
                    () -> device.getJson("/captive-portal").get("active").asBoolean());
            // Every status read checks the rule: the one change is the rule added once, with the configured words first.
            List<String> runs = fakes.runs("firewall");
            assertEquals(List.of("--portal -t nat -A " + rule), runs.stream().filter(r -> !r.contains(" -C ")).toList());
            assertTrue(runs.stream().allMatch(r -> r.equals("--portal -t nat -C " + rule)
                    || r.equals("--portal -t nat -A " + rule)), runs::toString);

            assertEquals(200, device.post("/system/reboot", null).statusCode());
            HotDeployTest.await(device, "the reboot command", 10_000, () -> !fakes.runs("reboot").isEmpty());
            assertEquals(List.of("now"), fakes.runs("reboot"));
        }
    }
}
