package org.securitycam.presence.bluetooth;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.securitycam.api.presence.NoAdapterException;
import org.securitycam.api.presence.PresenceException;
import org.securitycam.api.presence.TrackedDevice;
import org.securitycam.presence.tools.Tool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BlueZ through its command-line tools, each run with its arguments as a list and a timeout: the adapter check,
 * the presence check of one address, scanning, pairing (asked for, or accepted while discoverable), trusting and
 * removing. The tools are found on the device's PATH unless configured with a path. One scan or pairing runs at
 * a time.
 */
@Component(service = Bluez.class, configurationPid = Bluez.PID)
@Designate(ocd = Bluez.Config.class)
public class Bluez {
    static final String PID = "securitycam.presence.bluetooth";
    static final String L2PING = "l2ping";
    static final String HCITOOL = "hcitool";
    /** For the short bluetoothctl commands; below the presence call limit, since the adapter check is one. */
    private static final Duration QUICK = Duration.ofSeconds(3);
    private static final Logger LOG = LoggerFactory.getLogger(Bluez.class);

    @ObjectClassDefinition(name = "security-cam Bluetooth presence",
            description = "BlueZ's command-line tools: names or paths, and their time limits")
    @interface Config {
        @AttributeDefinition(name = "bluetoothctl", description = "Name on the PATH, or path, of bluetoothctl")
        String bluetoothctl() default "bluetoothctl";

        @AttributeDefinition(name = "Presence check", description = "How each tracked address is asked: a name "
                + "request (hcitool name, works without privileges) or an L2CAP echo (l2ping, needs CAP_NET_RAW)",
                options = { @Option(label = "Name request (hcitool name)", value = HCITOOL),
                        @Option(label = "L2CAP echo (l2ping)", value = L2PING) })
        String check() default HCITOOL;

        @AttributeDefinition(name = "hcitool", description = "Name on the PATH, or path, of hcitool")
        String hcitool() default "hcitool";

        @AttributeDefinition(name = "l2ping", description = "Name on the PATH, or path, of l2ping")
        String l2ping() default "l2ping";

        @AttributeDefinition(name = "Check timeout (s)", min = "1", max = "4", type = AttributeType.INTEGER,
                description = "A device that does not answer within this is not present")
        int check_seconds() default 3;

        @AttributeDefinition(name = "Scan time (s)", min = "1", max = "60", type = AttributeType.INTEGER)
        int scan_seconds() default 20;

        @AttributeDefinition(name = "Pairing timeout (s)", min = "5", max = "120", type = AttributeType.INTEGER,
                description = "How long POST /devices/bt/add waits for a pairing to complete")
        int pair_seconds() default 30;
    }

    /** A pairing that was refused, or a tool that failed; the message is a sentence for the user. */
    static final class BluezException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean timedOut;

        BluezException(String message, boolean timedOut) {
            super(message);
            this.timedOut = timedOut;
        }

        boolean timedOut() {
            return timedOut;
        }
    }

    // Replaced whole by a configuration change, so that a running tool keeps the settings it started with.
    private volatile Config config;
    private final AtomicBoolean busy = new AtomicBoolean();

    @Activate
    public Bluez(Config config) {
        this.config = config;
    }

    @Modified
    void modified(Config next) {
        this.config = next;
    }

    /** @throws NoAdapterException if BlueZ lists no controller or bluetoothctl cannot run */
    void requireAdapter() throws NoAdapterException {
        Tool.Result r = run(List.of(config.bluetoothctl(), "list"), QUICK);
        if (!BluezOutput.hasController(r.output())) {
            throw new NoAdapterException("No Bluetooth adapter");
        }
    }

    /** Asks one address directly, with the configured tool and timeout. */
    boolean present(String address) throws PresenceException {
        Config c = config;
        // The form says 1 to 4, but a .cfg file is not checked against it: below the presence call limit always.
        int seconds = Math.max(1, Math.min(4, c.check_seconds()));
        Duration timeout = Duration.ofSeconds(seconds);
        if (L2PING.equals(c.check())) {
            return BluezOutput.echoAnswered(run(List.of(c.l2ping(), "-c", "1", "-t", Integer.toString(seconds),
                    address), timeout));
        }
        return BluezOutput.nameAnswered(run(List.of(c.hcitool(), "name", address), timeout));
    }

    /** Takes the one slot for a scan or a pairing; false if one is running. */
    boolean begin() {
        return busy.compareAndSet(false, true);
    }

    void end() {
        busy.set(false);
    }

    /** Scans for the configured time, then lists what BlueZ knows, named devices first. */
    List<TrackedDevice> scan() throws PresenceException {
        Config c = config;
        run(List.of(c.bluetoothctl(), "--timeout", Integer.toString(c.scan_seconds()), "scan", "on"),
                Duration.ofSeconds(c.scan_seconds() + 5L));
        Tool.Result listed = run(List.of(c.bluetoothctl(), "devices"), QUICK);
        if (!listed.ok()) {
            throw new PresenceException("bluetoothctl devices failed" + Tool.firstLine(listed.output()));
        }
        return BluezOutput.devices(listed.output());
    }

    /**
     * Pairs with a device that is in range, then trusts it.
     *
     * @throws BluezException if it refused or did not pair in time
     */
    void pair(String address) throws PresenceException, BluezException {
        Config c = config;
        AtomicReference<String> outcome = new AtomicReference<>();
        Tool.Result r = watch(List.of(c.bluetoothctl(), "--agent", "NoInputNoOutput", "--timeout",
                Integer.toString(c.pair_seconds()), "pair", address), Duration.ofSeconds(c.pair_seconds() + 5L),
                (line, answer) -> {
                    if (BluezOutput.asksYesNo(line)) {
                        answer.accept("yes");
                    } else if (line.contains("Pairing successful") || line.contains("AlreadyExists")
                            || address.equals(BluezOutput.paired(line))) {
                        outcome.set("paired");
                        return true;
                    } else if (line.contains("Failed to pair")) {
                        outcome.set(line.strip());
                        return true;
                    }
                    return false;
                });
        if (!"paired".equals(outcome.get())) {
            if (outcome.get() == null && (r.timedOut() || r.exit() == 0)) {
                throw new BluezException(address + " did not pair within " + c.pair_seconds() + " s", true);
            }
            String reason = outcome.get() != null ? outcome.get() : "bluetoothctl exited with " + r.exit()
                    + Tool.firstLine(r.output());
            throw new BluezException("Could not pair with " + address + ": " + reason, false);
        }
        trust(address);
    }

    /**
     * Makes the adapter discoverable and pairable for {@code seconds} and accepts the first device that pairs,
     * which is then trusted.
     *
     * @return the paired device, or null if none paired in time
     */
    TrackedDevice discoverable(int seconds) throws PresenceException {
        Config c = config;
        run(List.of(c.bluetoothctl(), "pairable", "on"), QUICK);
        List<TrackedDevice> announced = new ArrayList<>();
        AtomicReference<String> paired = new AtomicReference<>();
        try {
            watch(List.of(c.bluetoothctl(), "--agent", "NoInputNoOutput", "--timeout", Integer.toString(seconds),
                    "discoverable", "on"), Duration.ofSeconds(seconds + 5L), (line, answer) -> {
                        if (BluezOutput.asksYesNo(line)) {
                            answer.accept("yes");
                            return false;
                        }
                        TrackedDevice d = BluezOutput.announced(line);
                        if (d != null) {
                            announced.add(d);
                        }
                        paired.set(BluezOutput.paired(line));
                        return paired.get() != null;
                    });
        } finally {
            run(List.of(c.bluetoothctl(), "discoverable", "off"), QUICK);
        }
        String address = paired.get();
        if (address == null) {
            return null;
        }
        trust(address);
        String name = BluezOutput.infoName(address, run(List.of(c.bluetoothctl(), "info", address), QUICK).output());
        for (TrackedDevice d : announced) {
            if (name == null && d.address().equals(address)) {
                name = d.name();
            }
        }
        return TrackedDevice.of(address, name);
    }

    /** Unpairs a device; a failure is only logged, since the device is untracked anyway. */
    void remove(String address) {
        try {
            Tool.Result r = run(List.of(config.bluetoothctl(), "remove", address), QUICK);
            if (!r.ok()) {
                LOG.info("Could not unpair {}{}", address, Tool.firstLine(r.output()));
            }
        } catch (NoAdapterException e) {
            LOG.info("Could not unpair {}: {}", address, e.getMessage());
        }
    }

    private void trust(String address) throws NoAdapterException {
        Tool.Result r = run(List.of(config.bluetoothctl(), "trust", address), QUICK);
        if (!r.ok()) {
            LOG.warn("Could not trust {}{}; it stays paired", address, Tool.firstLine(r.output()));
        }
    }

    private static Tool.Result run(List<String> command, Duration timeout) throws NoAdapterException {
        return watch(command, timeout, null);
    }

    /** A tool that cannot run is as good as no adapter: nothing can be asked. */
    private static Tool.Result watch(List<String> command, Duration timeout, Tool.Watcher watcher)
            throws NoAdapterException {
        try {
            return Tool.watch(command, timeout, watcher);
        } catch (IOException e) {
            throw new NoAdapterException("The Bluetooth tool " + command.get(0) + " cannot be run (is BlueZ installed?)");
        }
    }
}
