package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
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
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * The dev profile's bundles in a Felix embedded in the test JVM, as the launcher would run them, for tests that
 * need the framework's own view: bundle updates, thread counts, the whiteboard runtimes' descriptions.
 */
final class EmbeddedDevice implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Path home;
    final int port;
    final Framework framework;
    final Map<String, Bundle> bundles = new HashMap<>();

    private EmbeddedDevice(Path home, int port, Framework framework) {
        this.home = home;
        this.port = port;
        this.framework = framework;
    }

    static EmbeddedDevice start(Path dir) throws Exception {
        int port = freePort();
        Path home = dir.resolve("home");
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, dir.resolve("framework").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.slf4j;version=2.0.17,org.slf4j.event;version=2.0.17,"
                + "org.slf4j.helpers;version=2.0.17,org.slf4j.spi;version=2.0.17,org.slf4j;version=1.7.36,"
                + "org.slf4j.event;version=1.7.36,org.slf4j.helpers;version=1.7.36,org.slf4j.spi;version=1.7.36");
        props.put("org.osgi.service.http.port", Integer.toString(port));
        props.put("org.osgi.service.http.host", "127.0.0.1");
        props.put("securitycam.home", home.toString());
        props.put("securitycam.logs", home.resolve("logs").toString());
        props.put("securitycam.profile", "dev");
        // Event Admin's delivery pool as the launcher sizes it.
        props.put("org.apache.felix.eventadmin.ThreadPoolSize", "6");
        Framework framework = new FrameworkFactory().newFramework(props);
        framework.init();
        EmbeddedDevice device = new EmbeddedDevice(home, port, framework);
        List<Bundle> installed = new ArrayList<>();
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("securitycam.bundles")))) {
            for (Path jar : jars.sorted().toList()) {
                Bundle b = framework.getBundleContext().installBundle(jar.toUri().toString());
                installed.add(b);
                device.bundles.put(b.getSymbolicName(), b);
            }
        }
        framework.start();
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
        return device;
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /** Waits until a GET answers 200 with a body the check accepts. */
    String await(String what, String path, String token, Predicate<String> check) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5));
                if (token != null) {
                    b.header("Authorization", "Bearer " + token);
                }
                HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
                last = r.body();
                if (r.statusCode() == 200 && check.test(last)) {
                    return last;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        fail("Waited for " + what + "; last answer: " + last);
        return last;
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return HTTP.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(20_000);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
