package org.securitycam.presence.wifi;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.securitycam.api.presence.NoAdapterException;
import org.securitycam.api.presence.PresenceException;
import org.securitycam.api.presence.PresenceSource;
import org.securitycam.presence.tools.Tool;

/**
 * Wi-Fi presence: a device is present while it is a station of the device's own access point, as
 * {@code iw dev <interface> station dump} lists them. Each poll reads the list once; the last list is kept for
 * {@code GET /wifi/stations}, so that route never runs iw.
 */
@Component(service = { PresenceSource.class, WifiSource.class }, configurationPid = WifiSource.PID)
@Designate(ocd = WifiSource.Config.class)
public class WifiSource implements PresenceSource {
    static final String PID = "securitycam.presence.wifi";
    private static final Pattern STATION = Pattern.compile("^Station ([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}) \\(on \\S+\\)$");
    private static final Pattern ATTRIBUTE = Pattern.compile("^\\s+\\S.*$");

    @ObjectClassDefinition(name = "security-cam Wi-Fi presence",
            description = "The access point whose stations count as present")
    @interface Config {
        @AttributeDefinition(name = "iw", description = "Name on the PATH, or path, of iw")
        String iw() default "iw";

        @AttributeDefinition(name = "Interface", description = "The access point's network interface")
        String ap_interface() default "ap0";

        @AttributeDefinition(name = "Timeout (s)", min = "1", max = "4", type = AttributeType.INTEGER)
        int timeout_seconds() default 3;
    }

    // Replaced whole by a configuration change, so that a running poll keeps the settings it started with.
    private volatile Config config;
    private volatile List<String> stations = List.of();

    @Activate
    public WifiSource(Config config) {
        this.config = config;
    }

    @Modified
    void modified(Config next) {
        this.config = next;
    }

    @Override
    public String transport() {
        return WIFI;
    }

    @Override
    public List<String> nearby() throws PresenceException {
        Config c = config;
        Tool.Result r;
        try {
            r = Tool.run(List.of(c.iw(), "dev", c.ap_interface(), "station", "dump"),
                    Duration.ofSeconds(Math.max(1, Math.min(4, c.timeout_seconds())))); // below the call limit
        } catch (IOException e) {
            stations = List.of();
            throw new NoAdapterException("The Wi-Fi tool " + c.iw() + " cannot be run (is iw installed?)");
        }
        try {
            stations = stations(c.ap_interface(), r);
        } catch (PresenceException e) {
            stations = List.of();
            throw e;
        }
        return stations;
    }

    /** Answers from the station list this poll read. */
    @Override
    public boolean present(String address) {
        return stations.contains(address);
    }

    /** The stations of the last poll, upper case; empty while the interface is missing. */
    List<String> stations() {
        return stations;
    }

    /**
     * The stations of a {@code station dump}: a {@code Station <mac> (on <if>)} line each, followed by indented
     * attributes.
     *
     * @throws NoAdapterException if the interface does not exist
     * @throws PresenceException if iw failed or printed something else
     */
    static List<String> stations(String iface, Tool.Result r) throws PresenceException {
        if (r.timedOut()) {
            throw new PresenceException("iw did not answer in time");
        }
        String out = r.output();
        if (r.exit() != 0) {
            if (out.contains("No such device") || out.contains("-19")) {
                throw new NoAdapterException("No Wi-Fi interface " + iface);
            }
            throw new PresenceException("iw exited with " + r.exit() + Tool.firstLine(out));
        }
        Set<String> found = new LinkedHashSet<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = STATION.matcher(line);
            if (m.matches()) {
                found.add(m.group(1).toUpperCase(Locale.ROOT));
            } else if (found.isEmpty() || !ATTRIBUTE.matcher(line).matches()) {
                throw new PresenceException("iw printed something that is not a station list" + Tool.firstLine(line));
            }
        }
        return new ArrayList<>(found);
    }
}
