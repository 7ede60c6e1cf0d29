package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Hot swap without harm, measured inside one JVM: the dev bundles run in an embedded Felix, and the reed switch
 * driver bundle is updated 20 times while it is armed and triggered. After that, no old driver class loader is
 * reachable, the live thread count is where it was, and the sensor is armed again and not stuck triggered.
 */
class DriverUpdateLeakTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String DRIVER = "securitycam.sensor.reed";

    @TempDir
    Path dir;
    private int port;

    @Test
    void twentyUpdatesOfAnArmedDriverLeakNothing() throws Exception {
        port = freePort();
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, dir.resolve("framework").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.slf4j;version=2.0.17,org.slf4j.event;version=2.0.17,"
                + "org.slf4j.helpers;version=2.0.17,org.slf4j.spi;version=2.0.17,org.slf4j;version=1.7.36,"
                + "org.slf4j.event;version=1.7.36,org.slf4j.helpers;version=1.7.36,org.slf4j.spi;version=1.7.36");
        props.put("org.osgi.service.http.port", Integer.toString(port));
        props.put("org.osgi.service.http.host", "127.0.0.1");
        props.put("securitycam.home", dir.resolve("home").toString());
        props.put("securitycam.profile", "dev");
        // Authentication is beside the point here: the device starts with it off.
        Files.createDirectories(dir.resolve("home/settings"));
        Files.writeString(dir.resolve("home/settings/settings.json"), "{\"Auth\":{\"enabled\":false}}");
        Framework framework = new FrameworkFactory().newFramework(props);
        framework.init();
        try {
            Bundle driver = null;
            List<Bundle> installed = new ArrayList<>();
            try (Stream<Path> jars = Files.list(Path.of(System.getProperty("securitycam.bundles")))) {
                for (Path jar : jars.sorted().toList()) {
                    Bundle b = framework.getBundleContext().installBundle(jar.toUri().toString());
                    installed.add(b);
                    if (DRIVER.equals(b.getSymbolicName())) {
                        driver = b;
                    }
                }
            }
            framework.start();
            for (Bundle b : installed) {
                if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    b.start();
                }
            }
            awaitStatus("the REST API", s -> s.contains("\"armed\""));
            post("/gpio/sim/22", "{\"high\":false}");
            assertEquals(200, post("/sensor/configure",
                    "{\"type\":\"reed_switch\",\"calibration\":{\"debounce_ms\":0}}").statusCode());

            cycle(framework, driver); // the first cycle loads what any update needs once
            System.gc();
            int threadsBefore = liveThreads();
            WeakReference<Class<?>> oldRevision = new WeakReference<>(
                    driver.loadClass("org.securitycam.sensor.reed.ReedSwitchDriver"));
            for (int i = 0; i < 20; i++) {
                cycle(framework, driver);
            }
            for (int i = 0; i < 10 && oldRevision.get() != null; i++) {
                System.gc();
                Thread.sleep(100);
            }
            assertNull(oldRevision.get(), "a class of the first revision is still reachable after 20 updates");
            int threadsAfter = liveThreads();
            assertTrue(threadsAfter <= threadsBefore,
                    "live threads grew from " + threadsBefore + " to " + threadsAfter + " over 20 updates");
        } finally {
            framework.stop();
            framework.waitForStop(20_000);
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
        long deadline = System.currentTimeMillis() + 30_000;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/sensor/status"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.body();
                if (r.statusCode() == 200 && check.holds(last)) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        fail("Waited for " + what + "; last status: " + last);
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
