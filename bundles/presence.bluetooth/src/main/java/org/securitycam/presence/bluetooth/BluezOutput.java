package org.securitycam.presence.bluetooth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.securitycam.api.presence.PresenceException;
import org.securitycam.api.presence.TrackedDevice;
import org.securitycam.presence.tools.Tool;

/** What BlueZ's tools print, read into answers. Pure functions over the cleaned output of a run. */
final class BluezOutput {
    private static final String ADDR = "([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5})";
    private static final Pattern CONTROLLER = Pattern.compile("(?m)^\\s*Controller " + ADDR + "\\b");
    private static final Pattern DEVICE = Pattern.compile("^\\s*(?:\\[[A-Z]+\\]\\s*)?Device " + ADDR + "(?: (.*))?$");
    private static final Pattern PAIRED = Pattern.compile("Device " + ADDR + " (?:Paired|Bonded): yes");
    private static final Pattern INFO_NAME = Pattern.compile("(?m)^\\s*Name: (.+)$");
    private static final Pattern PRINTABLE = Pattern.compile("[\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}\\p{Zs}]+");

    private BluezOutput() {
    }

    /** {@code bluetoothctl list}: whether it names a controller. */
    static boolean hasController(String output) {
        return CONTROLLER.matcher(output).find();
    }

    /**
     * {@code bluetoothctl devices}: each device once, named ones first, each group in the order listed. BlueZ names
     * a device without a name after its address; such a device has no name here.
     */
    static List<TrackedDevice> devices(String output) {
        Map<String, TrackedDevice> found = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            Matcher m = DEVICE.matcher(line);
            if (m.matches()) {
                String address = TrackedDevice.address(m.group(1));
                found.putIfAbsent(address, TrackedDevice.of(address, name(address, m.group(2))));
            }
        }
        List<TrackedDevice> out = new ArrayList<>();
        found.values().stream().filter(d -> d.name() != null).forEach(out::add);
        found.values().stream().filter(d -> d.name() == null).forEach(out::add);
        return out;
    }

    /** A line of a watched {@code bluetoothctl} saying a device is now paired: its address, or null. */
    static String paired(String line) {
        Matcher m = PAIRED.matcher(line);
        return m.find() ? TrackedDevice.address(m.group(1)) : null;
    }

    /** A line of a watched {@code bluetoothctl} announcing a device: the device, or null. */
    static TrackedDevice announced(String line) {
        Matcher m = DEVICE.matcher(line);
        if (!m.matches() || !line.contains("[NEW]")) {
            return null;
        }
        String address = TrackedDevice.address(m.group(1));
        return TrackedDevice.of(address, name(address, m.group(2)));
    }

    /** {@code bluetoothctl info}: the device's name, or null. */
    static String infoName(String address, String output) {
        Matcher m = INFO_NAME.matcher(output);
        return m.find() ? name(address, m.group(1)) : null;
    }

    /** A prompt of bluetoothctl's agent that asks to accept a pairing or a service. */
    static boolean asksYesNo(String line) {
        return line.toLowerCase(Locale.ROOT).contains("(yes/no)");
    }

    /**
     * {@code hcitool name <addr>}: one line with the name if the device answered, nothing if it did not. Killed at
     * its timeout means it did not answer.
     *
     * @throws PresenceException if it failed or printed something that is not a name
     */
    static boolean nameAnswered(Tool.Result r) throws PresenceException {
        if (r.timedOut()) {
            return false;
        }
        if (r.exit() != 0) {
            throw new PresenceException("hcitool exited with " + r.exit() + Tool.firstLine(r.output()));
        }
        String out = r.output().strip();
        if (out.isEmpty()) {
            return false;
        }
        if (out.contains("\n") || !PRINTABLE.matcher(out).matches()) {
            throw new PresenceException("hcitool printed something that is not a name" + Tool.firstLine(out));
        }
        return true;
    }

    /**
     * {@code l2ping -c 1 -t <s> <addr>}: an echo came back, or the device is down or did not answer.
     *
     * @throws PresenceException if it failed otherwise or printed something else
     */
    static boolean echoAnswered(Tool.Result r) throws PresenceException {
        if (r.timedOut()) {
            return false;
        }
        String out = r.output();
        if (r.exit() == 0 && out.contains("bytes from")) {
            return true;
        }
        String lower = out.toLowerCase(Locale.ROOT);
        if (r.exit() != 0 && (lower.contains("host is down") || lower.contains("no response")
                || lower.contains("0 received") || lower.contains("timed out") || lower.contains("timeout"))) {
            return false;
        }
        throw new PresenceException(
                (r.exit() == 0 ? "l2ping printed no echo" : "l2ping exited with " + r.exit()) + Tool.firstLine(out));
    }

    private static String name(String address, String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip();
        return n.isEmpty() || n.equalsIgnoreCase(address) || n.equalsIgnoreCase(address.replace(':', '-')) ? null : n;
    }
}
