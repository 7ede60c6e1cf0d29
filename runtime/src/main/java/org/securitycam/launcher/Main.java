package org.securitycam.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.securitycam.api.device.Launcher;
import org.securitycam.api.device.LogFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Starts the device: Felix with its storage under the data home, and the run bundles of one profile, which
 * this jar carries. A warm start reuses the installed bundles and only starts the framework; the bundles are
 * reinstalled only when this jar or the profile changed. Nothing is written outside the data home.
 */
public final class Main {
    static final String LOCATION_PREFIX = "securitycam:";
    static final int LAST_START_LEVEL = 3;
    private static final String JETTY = "org.apache.felix.http.jetty12";
    /** The service through which the web bundle sets Jetty up; Jetty starts once it is there. */
    private static final String JETTY_SETUP = "org.apache.felix.http.jetty.ConnectorFactory";
    private static final String SYSTEM_PACKAGES = "org.slf4j;version=2.0.17,org.slf4j.event;version=2.0.17,"
            + "org.slf4j.helpers;version=2.0.17,org.slf4j.spi;version=2.0.17,org.slf4j;version=1.7.36,"
            + "org.slf4j.event;version=1.7.36,org.slf4j.helpers;version=1.7.36,org.slf4j.spi;version=1.7.36";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromEnvironment(System.getenv());
        settings.createFolders();
        // For the log configuration, which runs at the first logger, before the framework and its properties.
        System.setProperty(LogFiles.FOLDER_PROPERTY, settings.logs().toString());
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Logger log = LoggerFactory.getLogger("securitycam.launcher");
        log.info("Starting security-cam, profile {}, data home {}, port {}", settings.profile(), settings.home(),
                settings.port());

        Map<String, String> properties = frameworkProperties(settings);
        AtomicReference<Framework> running = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(running.get()), "shutdown"));
        boolean first = true;
        while (true) {
            Framework framework = new FrameworkFactory().newFramework(properties);
            framework.init();
            running.set(framework);
            if (first) {
                installRunBundles(framework.getBundleContext(), settings, log);
                first = false;
            }
            Restart restart = new Restart(framework);
            framework.getBundleContext().registerService(Runnable.class, restart,
                    new Hashtable<>(Map.of(Launcher.RESTART_PROPERTY, Boolean.TRUE)));
            startJettyAlongside(framework, log);
            framework.start();
            framework.waitForStop(0);
            if (!restart.requested) {
                break;
            }
            log.info("Restarting the framework in this process");
        }
        System.exit(0);
    }

    /**
     * The restart the launcher offers the bundles: the framework stops, and a new one starts from the same storage.
     * A new framework, rather than Felix restarting itself on an update of the system bundle, because Felix then
     * keeps its service registry and wiring bookkeeping, which hold on to the class loaders of the stopped bundles.
     */
    private static final class Restart implements Runnable {
        private final Framework framework;
        volatile boolean requested;

        Restart(Framework framework) {
            this.framework = framework;
        }

        @Override
        public void run() {
            requested = true;
            stopJetty(framework);
            try {
                framework.stop();
            } catch (BundleException e) {
                requested = false;
                throw new IllegalStateException("The framework cannot stop for a restart", e);
            }
        }
    }

    private static Map<String, String> frameworkProperties(Settings s) {
        Map<String, String> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, s.home().resolve("framework").toString());
        p.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SYSTEM_PACKAGES);
        p.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(LAST_START_LEVEL));
        p.put("securitycam.home", s.home().toString());
        p.put("securitycam.profile", s.profile());
        p.put(LogFiles.FOLDER_PROPERTY, s.logs().toString());
        if (s.repo() != null) {
            p.put("securitycam.repo", s.repo().toString());
        }
        p.putAll(s.commands());
        p.put("org.osgi.service.http.port", Integer.toString(s.port()));
        p.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        p.put("felix.fileinstall.dir", s.home().resolve("deploy").toString());
        p.put("felix.fileinstall.poll", "500");
        p.put("felix.fileinstall.noInitialDelay", "true");
        // Bundles FileInstall installs start only if this equals the framework's beginning start level.
        p.put("felix.fileinstall.start.level", Integer.toString(LAST_START_LEVEL));
        p.put("felix.fileinstall.enableConfigSave", "false");
        p.put("felix.fileinstall.bundles.new.start", "true");
        p.put("felix.fileinstall.log.level", "2");
        // Event Admin delivers on two fixed pools, this size and half of it, whose threads start one per event until
        // the pool is full and then stay: 20 would be 30 threads once enough events went by. 6 (9 threads) is
        // plenty for the device's handlers, which only queue or record what they get.
        p.put("org.apache.felix.eventadmin.ThreadPoolSize", "6");
        // SCR keeps the parsed component descriptions, so a warm start reads no component XML.
        p.put("ds.cache.metadata", "true");
        return p;
    }

    /** Brings the installed bundles in line with this jar's list for the profile, unless they already are. */
    private static void installRunBundles(BundleContext ctx, Settings settings, Logger log)
            throws IOException, BundleException {
        Properties stamp = stamp(settings.profile());
        Path stampFile = settings.home().resolve("framework").resolve("securitycam.stamp");
        if (Files.exists(stampFile) && stamp.getProperty("build").equals(readStamp(stampFile))) {
            return;
        }
        List<String> wanted = runBundles(settings.profile());
        Map<String, Bundle> installed = new HashMap<>();
        for (Bundle b : ctx.getBundles()) {
            if (b.getLocation().startsWith(LOCATION_PREFIX)) {
                installed.put(b.getLocation(), b);
            }
        }
        List<Bundle> toStart = new ArrayList<>();
        for (String name : wanted) {
            String location = LOCATION_PREFIX + name;
            Bundle b = installed.remove(location);
            try (InputStream in = Main.class.getResourceAsStream("/bundles/" + name)) {
                if (in == null) {
                    throw new IOException("This jar lacks bundles/" + name);
                }
                if (b == null) {
                    b = ctx.installBundle(location, in);
                } else {
                    b.update(in);
                }
            }
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                toStart.add(b);
            }
        }
        for (Bundle stale : installed.values()) {
            stale.uninstall();
        }
        for (Bundle b : toStart) {
            b.adapt(BundleStartLevel.class).setStartLevel(startLevel(b));
            if (!JETTY.equals(b.getSymbolicName())) {
                b.start(Bundle.START_ACTIVATION_POLICY);
            }
        }
        Files.writeString(stampFile, stamp.getProperty("build"), StandardCharsets.UTF_8);
        log.info("Installed {} bundles of the {} profile", wanted.size(), settings.profile());
    }

    /**
     * Jetty takes about half a second to start, most of it loading classes. It starts on a thread of its own as
     * soon as the web bundle's Jetty setup is registered, early in start level 1, so that it comes up alongside
     * the services and the device's bundles instead of after them, and never serves a request without that setup.
     * Until the REST whiteboard (level 2) is up, the setup answers 503 to everything, so nothing is ever served
     * around the auth gate. For the same reason the Web Console waits for level 3. Jetty is never persistently
     * started, or level 1 would start it again.
     */
    private static void startJettyAlongside(Framework framework, Logger log) throws BundleException {
        Bundle jetty = null;
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (JETTY.equals(b.getSymbolicName())) {
                jetty = b;
            }
        }
        if (jetty == null) {
            return;
        }
        if (jetty.adapt(BundleStartLevel.class).isPersistentlyStarted()) {
            jetty.stop();
        }
        Bundle bundle = jetty;
        FrameworkStartLevel level = framework.adapt(FrameworkStartLevel.class);
        Thread starter = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + 60_000_000_000L;
                BundleContext ctx = framework.getBundleContext();
                while ((level.getStartLevel() < 1 || ctx.getServiceReference(JETTY_SETUP) == null)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                if (ctx.getServiceReference(JETTY_SETUP) == null) {
                    log.error("The web bundle did not set Jetty up within 60 s; starting Jetty without it");
                }
                bundle.start(Bundle.START_TRANSIENT);
            } catch (BundleException | IllegalStateException e) {
                log.error("Jetty did not start: the device cannot be reached over HTTP", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jetty-start");
        starter.setDaemon(true);
        starter.start();
    }

    /**
     * Three start levels put what the API needs first and what can wait last.
     * <ol>
     * <li>The services, the device's own bundles, the sensor drivers (so a sensor is armed when the API answers)
     * and Jetty, which starts alongside them.</li>
     * <li>The REST whiteboard, so that it finds every resource and extension already registered: started first,
     * it rebuilt the Jersey application once per arriving service, which cost about a second.</li>
     * <li>What nobody waits for at boot: the Web Console (after the auth bundle's security provider, so its
     * admin/admin default never answers), Metatype, and FileInstall with the drivers dropped into deploy/.</li>
     * </ol>
     */
    private static int startLevel(Bundle b) {
        String name = b.getSymbolicName();
        if (name.startsWith("org.eclipse.osgitech.rest")) {
            return 2;
        }
        if (name.startsWith("org.apache.felix.webconsole") || name.equals("org.apache.felix.inventory")
                || name.equals("org.apache.felix.metatype") || name.equals("org.apache.felix.fileinstall")) {
            return LAST_START_LEVEL;
        }
        return 1;
    }

    private static Properties stamp(String profile) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/bundles/build.properties")) {
            p.load(in);
        }
        p.setProperty("build", p.getProperty("build") + " " + profile);
        return p;
    }

    private static String readStamp(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    private static List<String> runBundles(String profile) throws IOException {
        try (InputStream in = Main.class.getResourceAsStream("/bundles/" + profile + ".list")) {
            if (in == null) {
                throw new IOException("This jar has no profile named " + profile);
            }
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("[,\\s]+")) {
                if (!line.isBlank()) {
                    names.add(line.trim());
                }
            }
            return names;
        }
    }

    /**
     * Before the framework stops, for good or for a restart: so that no request meets the device while its
     * services go away (the REST API and the web bundle's Jetty setup among them).
     */
    private static void stopJetty(Framework framework) {
        for (Bundle b : framework.getBundleContext().getBundles()) {
            // Also while it is still starting (its activator returns after the port is open): the stop waits for it.
            if (JETTY.equals(b.getSymbolicName()) && (b.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                try {
                    b.stop(Bundle.STOP_TRANSIENT);
                } catch (BundleException e) {
                    // the framework's own stop stops it all the same
                }
            }
        }
    }

    private static void stop(Framework framework) {
        if (framework == null) {
            return;
        }
        stopJetty(framework);
        try {
            framework.stop();
            // The camera takes up to 15 s to finish a running recording (remux, sprite, meta) before it goes.
            framework.waitForStop(25_000);
        } catch (BundleException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
