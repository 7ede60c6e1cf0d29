package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The extension point as a third party meets it: the example tripwire driver dropped into deploy/ of a running
 * device, configured, triggered through the simulated board, updated in place, removed and brought back.
 */
class HotDeployTest {
    @TempDir
    Path dir;

    @Test
    void aDriverComesUpdatesAndGoesWithoutARestart() throws Exception {
        Path jar = Path.of(System.getProperty("tripwire.jar"));
        try (Device device = Device.start(dir.resolve("home"))) {
            Path deployed = device.home.resolve("deploy/tripwire.jar");
            copyAtomically(jar, deployed);
            long t0 = System.nanoTime();
            await(device, "the tripwire type", 3_000, () -> device.get("/sensor/types").body().contains("\"tripwire\""));
            System.out.printf("tripwire appeared in /sensor/types after %d ms%n", (System.nanoTime() - t0) / 1_000_000);

            var r = device.post("/sensor/configure",
                    "{\"type\":\"tripwire\",\"hold_seconds\":0,\"calibration\":{\"min_break_ms\":0,\"debounce_ms\":0}}");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(400, device.post("/sensor/configure",
                    "{\"type\":\"tripwire\",\"calibration\":{\"min_break_ms\":5000}}").statusCode());
            JsonNode status = device.getJson("/sensor/status");
            assertTrue(status.get("armed").asBoolean(), status.toString());
            assertEquals(23, status.get("sensor").get("gpio").asInt());

            device.post("/gpio/sim/23", "{\"high\":true}");
            await(device, "the trigger", 3_000, () -> device.getJson("/sensor/status").get("triggered").asBoolean());
            device.post("/gpio/sim/23", "{\"high\":false}");
            await(device, "the release", 3_000, () -> !device.getJson("/sensor/status").get("triggered").asBoolean());

            copyAtomically(withVersion(jar, "1.0.1", dir.resolve("tripwire-1.0.1.jar")), deployed);
            await(device, "the updated metadata", 5_000, () -> device.get("/sensor/types").body().contains("driver 1.0.1"));
            await(device, "the updated driver armed", 3_000, () -> device.getJson("/sensor/status").get("armed").asBoolean());
            String log = device.log();
            assertTrue(log.contains("tripwire-sensor: BundleEvent UPDATED"), "bundle events are in the log");
            for (String untouched : new String[] { "securitycam.web", "securitycam.core", "org.apache.felix.http.jetty12",
                    "org.glassfish.jersey.core.jersey-server", "org.eclipse.osgitech.rest" }) {
                assertFalse(log.contains(untouched + ": BundleEvent STOPPED"), untouched + " was restarted by a driver update");
            }

            Files.delete(deployed);
            await(device, "the driver to go", 5_000, () -> !device.getJson("/sensor/status").get("available").asBoolean());
            status = device.getJson("/sensor/status");
            assertEquals("tripwire", status.get("config").get("type").asText(), "the configuration is kept");
            assertTrue(!status.get("armed").asBoolean());

            copyAtomically(jar, deployed);
            await(device, "the driver to return armed", 5_000,
                    () -> device.getJson("/sensor/status").get("armed").asBoolean());
            assertTrue(device.get("/sensor/types").body().contains("driver 1.0.0"));
        }
    }

    interface Check {
        boolean holds() throws Exception;
    }

    static void await(Device device, String what, long millis, Check check) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(50);
        }
        fail("Waited " + millis + " ms for " + what + "; status: " + device.get("/sensor/status").body());
    }

    /**
     * FileInstall must never see a half-written jar, as a user's mv would also ensure. The copy is written beside
     * the deploy folder, on the same file system, and renamed in: FileInstall takes every file in the folder
     * whatever its name, so a temporary file inside it would be installed too.
     */
    static void copyAtomically(Path from, Path to) throws IOException {
        Path tmp = to.getParent().resolveSibling(".incoming-" + to.getFileName());
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The same driver with another Bundle-Version, as a new release of it would be. */
    static Path withVersion(Path jar, String version, Path out) throws IOException {
        return withHeaders(jar, Map.of("Bundle-Version", version), out);
    }

    /** The same jar with some manifest headers replaced: another release, or another vendor's copy. */
    static Path withHeaders(Path jar, Map<String, String> headers, Path out) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest m = new Manifest(in.getManifest());
            headers.forEach(m.getMainAttributes()::putValue);
            try (OutputStream os = Files.newOutputStream(out); JarOutputStream jos = new JarOutputStream(os, m)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    jos.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(jos);
                    jos.closeEntry();
                }
            }
        }
        return out;
    }
}
