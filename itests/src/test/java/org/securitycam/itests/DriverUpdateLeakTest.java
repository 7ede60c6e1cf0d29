package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Hot swap without harm, measured inside one JVM: the dev bundles run in an embedded Felix, and the reed switch
 * driver bundle is updated 20 times while it is armed and triggered. After that, no old driver class loader is
 * reachable, the live thread count is where it was, the framework reported no error, and the sensor is armed again
 * and not stuck triggered.
 */
class DriverUpdateLeakTest {
    private static final String DRIVER = "securitycam.sensor.reed";

    @TempDir
    Path dir;
    private EmbeddedDevice device;

    @Test
    void twentyUpdatesOfAnArmedDriverLeakNothing() throws Exception {
        // Authentication is beside the point here: the device starts with it off.
        Files.createDirectories(dir.resolve("home/settings"));
        Files.writeString(dir.resolve("home/settings/settings.json"), "{\"Auth\":{\"enabled\":false}}");
        try (EmbeddedDevice d = EmbeddedDevice.start(dir)) {
            device = d;
            Bundle driver = d.bundles.get(DRIVER);
            // What the device log shows as "[ERROR] <bundle>: FrameworkEvent ERROR".
            List<String> frameworkErrors = new CopyOnWriteArrayList<>();
            d.context().addFrameworkListener(e -> {
                if (e.getType() == FrameworkEvent.ERROR) {
                    frameworkErrors.add(e.getBundle().getSymbolicName() + ": " + e.getThrowable());
                }
            });
            // Without a camera the triggers record nothing, so only the driver's own threads are counted.
            d.bundles.get("securitycam.camera").stop();
            awaitStatus("the REST API", s -> s.contains("\"armed\""));
            post("/gpio/sim/22", "{\"high\":false}");
            assertEquals(200, post("/sensor/configure",
                    "{\"type\":\"reed_switch\",\"calibration\":{\"debounce_ms\":0}}").statusCode());

            // Warm-up: the first cycles load classes once and grow Event Admin's bounded thread pool to its size.
            for (int i = 0; i < 10; i++) {
                cycle(d.framework, driver);
            }
            System.gc();
            int threadsBefore = liveThreads();
            WeakReference<Class<?>> oldRevision = new WeakReference<>(
                    driver.loadClass("org.securitycam.sensor.reed.ReedSwitchDriver"));
            for (int i = 0; i < 20; i++) {
                cycle(d.framework, driver);
            }
            for (int i = 0; i < 10 && oldRevision.get() != null; i++) {
                System.gc();
                Thread.sleep(100);
            }
            assertNull(oldRevision.get(), "a class of the first revision is still reachable after 20 updates");
            int threadsAfter = liveThreads();
            // Flat: a leak of one thread per update would show as +20. Pools shared with this test's own HTTP
            // client and Jetty may move by a thread or two.
            assertTrue(threadsAfter <= threadsBefore + 2,
                    "live threads grew from " + threadsBefore + " to " + threadsAfter + " over 20 updates");
            assertTrue(frameworkErrors.isEmpty(), "framework errors during the updates: " + frameworkErrors);
        }
    }

    /** Triggers the armed sensor, updates its driver bundle, and waits until it is armed again and released. */
    private void cycle(Framework framework, Bundle driver) throws Exception {
        post("/gpio/sim/22", "{\"high\":true}");
        awaitStatus("triggered", s -> s.contains("\"triggered\":true"));
        try (InputStream in = Files.newInputStream(Path.of(URI.create(driver.getLocation())))) {
            driver.update(in);
        }
        CountDownLatch refreshed = new CountDownLatch(1);
        framework.adapt(FrameworkWiring.class).refreshBundles(List.of(driver), e -> {
            if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue(refreshed.await(10, TimeUnit.SECONDS));
        post("/gpio/sim/22", "{\"high\":false}");
        awaitStatus("armed again and not triggered",
                s -> s.contains("\"armed\":true") && s.contains("\"triggered\":false"));
    }

    /** Threads that are alive, after idle pool threads had the time to settle. */
    private static int liveThreads() throws InterruptedException {
        Thread.sleep(500);
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    interface Check {
        boolean holds(String status);
    }

    private void awaitStatus(String what, Check check) throws Exception {
        device.await(what, "/sensor/status", null, check::holds);
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return device.send(HttpRequest.newBuilder(device.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }
}
