package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in Debian's Chromium, driven by Playwright from {@code itests/browser}: this starts the device as a
 * person would find it (mock sensor, BlueZ tools that answer as the test says, health samples every second), runs
 * the browser suite against it with node's test runner, and fails with the suite's output. Screenshots of every page
 * go to {@code target/screenshots}.
 */
class DashboardBrowserTest {
    /** The whole suite, a restart of the device included; a hung browser is ended after this. */
    private static final long SUITE_MINUTES = 8;

    @TempDir
    Path dir;

    @Test
    void theDashboardsFlowsInARealBrowser() throws Exception {
        Path browser = Path.of(System.getProperty("securitycam.browser"));
        installDependencies(browser);
        FakeTools tools = FakeTools.in(dir);
        Path home = dir.resolve("home");
        FakeTools.configure(home, "securitycam.presence", "poll.seconds=1\n");
        FakeTools.configure(home, "securitycam.presence.bluetooth", "scan.seconds=2\npair.seconds=5\n");
        new SystemFakes(Files.createDirectories(dir.resolve("system"))).configure(home);
        // The live view's WebRTC source: the suite answers there as a MediaMTX without a stream.
        int whep;
        try (ServerSocket s = new ServerSocket(0)) {
            whep = s.getLocalPort();
        }
        FakeTools.configure(home, "securitycam.dashboard", "whep_url=http://127.0.0.1:" + whep + "/cam/whep\n");
        try (Device device = Device.startWithEnvironment(home, tools.environment())) {
            Path output = dir.resolve("suite.log");
            ProcessBuilder node = new ProcessBuilder(List.of("node", "--test", "--test-reporter=spec",
                    "--test-concurrency=1", "dashboard.test.js"))
                    .directory(browser.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
            node.environment().putAll(Map.of(
                    "DASH_URL", "http://127.0.0.1:" + device.port,
                    "DASH_PASSWORD", device.password(),
                    "DASH_SCREENSHOTS", System.getProperty("securitycam.screenshots"),
                    "DASH_FAKE_CONTROL", tools.control.toString(),
                    "DASH_WHEP_PORT", Integer.toString(whep)));
            int exit = run(node, SUITE_MINUTES);
            String log = Files.readString(output);
            assertEquals(0, exit, "the browser suite failed:\n" + log);
            System.out.println(log);
        }
    }

    /** playwright-core and axe-core from the committed lockfile, installed again only when it changed. */
    private static void installDependencies(Path browser) throws Exception {
        Path installed = browser.resolve("node_modules/.package-lock.json");
        Path lock = browser.resolve("package-lock.json");
        if (Files.exists(installed)
                && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
            return;
        }
        ProcessBuilder npm = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund"))
                .directory(browser.toFile()).redirectErrorStream(true)
                .redirectOutput(browser.resolveSibling("target/npm-ci.log").toFile());
        Files.createDirectories(browser.resolveSibling("target"));
        if (run(npm, 5) != 0) {
            fail("npm ci failed:\n" + Files.readString(browser.resolveSibling("target/npm-ci.log")));
        }
    }

    /** Runs the process to its end, or ends it and everything it started after the given minutes. */
    private static int run(ProcessBuilder pb, long minutes) throws IOException, InterruptedException {
        Process p = pb.start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail(pb.command() + " did not finish within " + minutes + " minutes");
        }
        return p.exitValue();
    }
}
