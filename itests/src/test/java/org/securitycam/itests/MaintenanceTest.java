package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reboot and the captive portal through fake commands that record their arguments (the firewall fake keeps its
 * one rule in a file, as iptables keeps it in the kernel), and the restart in process: same PID, same settings
 * and sensor state, and nothing of the old framework left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MaintenanceTest {
    @TempDir
    static Path dir;
    static Device device;
    static SystemFakes fakes;
    static String rule;

    @BeforeAll
    static void start() throws Exception {
        fakes = new SystemFakes(dir.resolve("fakes"));
        Path reboot = fakes.recorder("reboot");
        Path state = fakes.dir.resolve("rule-present");
        Path iptables = fakes.script("iptables", "echo \"$@\" >> " + fakes.dir.resolve("iptables.args") + "\n"
                + "case \"$4\" in\n"
                + "  -C) [ -e " + state + " ] ;;\n"
                + "  -A) touch " + state + " ;;\n"
                + "  -D) [ -e " + state + " ] && rm " + state + " ;;\n"
                + "  *) exit 2 ;;\n"
                + "esac\n");
        Path home = dir.resolve("home");
        fakes.configure(home, "reboot.command=[\"" + reboot + "\",\"now\"]",
                "firewall.command=[\"" + iptables + "\",\"-w\"]");
        device = Device.start(home);
        rule = "PREROUTING -p tcp --dport 80 -j REDIRECT --to-ports " + device.port;
        HotDeployTest.await(device, "the firewall rule of the default setting", 20_000,
                () -> device.getJson("/captive-portal").get("active").asBoolean());
    }

    @AfterAll
    static void stop() throws Exception {
        device.close();
    }

    @Test
    @Order(1)
    void theCaptivePortalFollowsItsSettingThroughTheFirewallCommand() throws Exception {
        assertEquals(List.of("-w -t nat -A " + rule), changes(), "added once, for the default enabled: true");
        assertEquals(Map.of("enabled", true, "active", true), map(device.getJson("/captive-portal")));

        JsonNode off = device.json(device.post("/captive-portal", "{\"enabled\": false}"));
        assertEquals(Map.of("enabled", false, "active", false), map(off));
        assertEquals(List.of("-w -t nat -A " + rule, "-w -t nat -D " + rule), changes());
        assertTrue(fakes.runs("iptables").stream().allMatch(r -> r.equals("-w -t nat -C " + rule)
                || r.equals("-w -t nat -A " + rule) || r.equals("-w -t nat -D " + rule)), fakes.runs("iptables").toString());

        // Off again: the rule is already gone, so nothing but a check runs.
        device.post("/captive-portal", "{\"enabled\": false}");
        assertEquals(2, changes().size(), changes().toString());

        JsonNode on = device.json(device.post("/captive-portal", "{\"enabled\": true}"));
        assertEquals(Map.of("enabled", true, "active", true), map(on));
        // The same setting through /settings moves the rule as well.
        assertEquals(200, device.post("/settings", "{\"CaptivePortal\": {\"enabled\": false}}").statusCode());
        HotDeployTest.await(device, "the rule removed", 10_000,
                () -> !device.getJson("/captive-portal").get("active").asBoolean());
        assertEquals(List.of("-w -t nat -A " + rule, "-w -t nat -D " + rule, "-w -t nat -A " + rule,
                "-w -t nat -D " + rule), changes());
        assertEquals(400, device.post("/settings", "{\"CaptivePortal\": {\"enabled\": 1}}").statusCode());
    }

    @Test
    @Order(2)
    void rebootAnswersThenRunsTheConfiguredCommandOnce() throws Exception {
        var r = device.post("/system/reboot", null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("Rebooting...", device.json(r).get("message").asText());
        HotDeployTest.await(device, "the reboot command", 10_000, () -> !fakes.runs("reboot").isEmpty());
        Thread.sleep(1_000);
        assertEquals(List.of("now"), fakes.runs("reboot"));
    }

    @Test
    @Order(3)
    void restartKeepsThePidTheSettingsAndTheSensorAndLeavesNothingBehind() throws Exception {
        assertEquals(200, device.post("/sensor/configure", "{\"type\":\"mock\",\"hold_seconds\":7}").statusCode());
        assertEquals(200, device.post("/sensor/disable", null).statusCode());
        JsonNode sensorBefore = device.getJson("/sensor/status");
        JsonNode settingsBefore = device.getJson("/settings");
        int loadersBefore = count("GC.class_histogram", "org.apache.felix.framework.BundleWiringImpl$BundleClassLoader");
        int threadsBefore = threads().size();

        var r = device.post("/system/restart", null);
        assertEquals(200, r.statusCode());
        assertEquals("Restarting services...", device.json(r).get("message").asText());
        HotDeployTest.await(device, "the API to go down", 10_000, () -> {
            try {
                return device.get("/sensor/status").statusCode() != 200;
            } catch (IOException down) {
                return true;
            }
        });
        HotDeployTest.await(device, "the API to come back", 30_000, () -> {
            try {
                return device.get("/sensor/status").statusCode() == 200;
            } catch (IOException down) {
                return false;
            }
        });
        assertTrue(ProcessHandle.of(device.pid()).map(ProcessHandle::isAlive).orElse(false), "the same process");
        assertEquals(sensorBefore, device.getJson("/sensor/status"));
        assertEquals(settingsBefore, device.getJson("/settings"));
        List<String> types = new ArrayList<>();
        device.getJson("/event_history?hours=1").forEach(e -> types.add(e.get("type").asText()));
        assertEquals("boot", types.get(types.size() - 1), types.toString());
        assertTrue(types.contains("restart"), types.toString());

        // The old framework's resolver threads end after a minute idle; then nothing of it is left.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
        int loaders;
        int felixes;
        List<String> threads;
        do {
            Thread.sleep(2_000);
            loaders = count("GC.class_histogram", "org.apache.felix.framework.BundleWiringImpl$BundleClassLoader");
            felixes = count("GC.class_histogram", "org.apache.felix.framework.Felix");
            threads = threads();
        } while ((loaders > loadersBefore || felixes > 1 || threads.size() > threadsBefore + 2)
                && System.nanoTime() < deadline);
        assertEquals(1, felixes, "one framework");
        assertTrue(loaders <= loadersBefore, "bundle class loaders: " + loadersBefore + " before, " + loaders + " after");
        assertTrue(threads.size() <= threadsBefore + 2, "threads: " + threadsBefore + " before, now " + threads);
        for (String singleton : List.of("FelixStartLevel", "FelixDispatchQueue", "SCR Component Actor", "sse-sender",
                "system-event-log", "sensor-manager")) {
            assertEquals(1, threads.stream().filter(singleton::equals).count(), singleton + " in " + threads);
        }
    }

    /** The firewall commands that changed the rule, in order. */
    private static List<String> changes() throws IOException {
        List<String> out = new ArrayList<>();
        for (String run : fakes.runs("iptables")) {
            if (!run.contains(" -C ")) {
                out.add(run);
            }
        }
        return out;
    }

    /** The live instances of a class in the device, after the full collection that the histogram makes. */
    private static int count(String command, String className) throws Exception {
        for (String line : jcmd(command)) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[3].equals(className)) {
                return Integer.parseInt(f[1]);
            }
        }
        return 0;
    }

    private static List<String> threads() throws Exception {
        List<String> names = new ArrayList<>();
        for (String line : jcmd("Thread.print")) {
            if (line.startsWith("\"")) {
                names.add(line.substring(1, line.indexOf('"', 1)));
            }
        }
        names.remove("Attach Listener");
        return names;
    }

    private static List<String> jcmd(String command) throws Exception {
        Path jcmd = Device.javaHome().resolve("bin/jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(device.pid()), command)
                .redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return lines;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode n) {
        return Device.JSON.convertValue(n, Map.class);
    }
}
