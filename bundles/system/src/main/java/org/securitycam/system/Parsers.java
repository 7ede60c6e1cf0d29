package org.securitycam.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The text formats of the health sources: sysfs files, /proc files and vcgencmd's output. */
final class Parsers {
    private static final Pattern THROTTLED = Pattern.compile("throttled=(?:0x)?([0-9a-fA-F]+)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Parsers() {
    }

    /** A thermal zone's {@code temp}: millidegrees Celsius. */
    static double celsius(String text) {
        return Long.parseLong(text.strip()) / 1000.0;
    }

    /** {@code throttled=0x50005}. */
    static Throttle throttle(String output) {
        Matcher m = THROTTLED.matcher(output);
        if (!m.find()) {
            throw new IllegalArgumentException("not a get_throttled answer: " + output.strip());
        }
        return new Throttle((int) Long.parseLong(m.group(1), 16));
    }

    /**
     * An eMMC or SD card's {@code life_time}: usually two hex values (type A and type B memory), each 0x01 for
     * 0-10% of the rated life used up to 0x0B for past it. The first one is the card's estimate.
     */
    static int lifeTime(String text) {
        String first = WHITESPACE.split(text.strip())[0];
        if (first.startsWith("0x") || first.startsWith("0X")) {
            first = first.substring(2);
        }
        return Integer.parseInt(first, 16);
    }

    /** Busy and total jiffies of one {@code cpu} line of /proc/stat. */
    record CpuTimes(long busy, long total) {
        /** The busy share between an earlier reading and this one, in percent; null if no time passed. */
        Double percentSince(CpuTimes earlier) {
            long total = this.total - (earlier == null ? 0 : earlier.total);
            long busy = this.busy - (earlier == null ? 0 : earlier.busy);
            if (total <= 0) {
                return null;
            }
            return Math.max(0, Math.min(100, 100.0 * busy / total));
        }
    }

    /** /proc/stat: the {@code cpu} line first, then {@code cpu0}, {@code cpu1}... */
    static List<CpuTimes> cpuTimes(String stat) {
        List<CpuTimes> out = new ArrayList<>();
        for (String line : stat.split("\n")) {
            if (!line.startsWith("cpu")) {
                continue;
            }
            String[] f = WHITESPACE.split(line.strip());
            long total = 0;
            // user nice system idle iowait irq softirq steal; guest time is already counted in user.
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            out.add(new CpuTimes(total - idle, total));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no cpu line in /proc/stat");
        }
        return out;
    }

    /** The {@code btime} of /proc/stat: boot time in seconds since the epoch; null if missing. */
    static Long bootTime(String stat) {
        for (String line : stat.split("\n")) {
            if (line.startsWith("btime ")) {
                return Long.parseLong(line.substring(6).strip());
            }
        }
        return null;
    }

    /** /proc/meminfo as name to kB. */
    static Map<String, Long> meminfo(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String[] f = WHITESPACE.split(line.substring(colon + 1).strip());
            try {
                out.put(line.substring(0, colon), Long.parseLong(f[0]));
            } catch (NumberFormatException e) {
                // a line of another shape is not a figure we use
            }
        }
        return out;
    }

    /** /proc/uptime: the first figure, in seconds. */
    static double uptime(String text) {
        return Double.parseDouble(WHITESPACE.split(text.strip())[0]);
    }

    /** /proc/loadavg: the 1, 5 and 15 minute load averages. */
    static double[] loadAverages(String text) {
        String[] f = WHITESPACE.split(text.strip());
        return new double[] { Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]) };
    }

    /** Network counters summed over every interface but loopback. */
    record NetCounters(long bytesReceived, long packetsReceived, long bytesSent, long packetsSent) {
    }

    /** /proc/net/dev. */
    static NetCounters netDev(String text) {
        long rxBytes = 0;
        long rxPackets = 0;
        long txBytes = 0;
        long txPackets = 0;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.substring(0, colon).strip().equals("lo")) {
                continue;
            }
            String[] f = WHITESPACE.split(line.substring(colon + 1).strip());
            if (f.length < 10) {
                continue;
            }
            rxBytes += Long.parseLong(f[0]);
            rxPackets += Long.parseLong(f[1]);
            txBytes += Long.parseLong(f[8]);
            txPackets += Long.parseLong(f[9]);
        }
        return new NetCounters(rxBytes, rxPackets, txBytes, txPackets);
    }

    /** /etc/os-release: PRETTY_NAME, unquoted; null if missing. */
    static String prettyName(String osRelease) {
        for (String line : osRelease.split("\n")) {
            if (line.startsWith("PRETTY_NAME=")) {
                String v = line.substring("PRETTY_NAME=".length()).strip();
                if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }
}
