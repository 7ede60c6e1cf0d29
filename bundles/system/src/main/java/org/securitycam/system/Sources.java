package org.securitycam.system;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.securitycam.system.Health.Proc;
import org.securitycam.system.Health.SdHealth;

/**
 * Reads the configured health sources: the thermal zone file, vcgencmd, the block devices' {@code life_time} and
 * /proc. Each read returns a {@link Reading}; a missing source is unavailable, never an exception.
 */
final class Sources {
    private final Path thermal;
    private final List<String> vcgencmd;
    private final Path blockDevices;
    private final Path proc;
    private final Duration timeout;

    Sources(SystemConfig config) {
        this.thermal = Path.of(config.thermal_zone());
        List<String> cmd = new ArrayList<>(Commands.argumentList(config.vcgencmd()));
        if (!cmd.isEmpty()) {
            cmd.add("get_throttled");
        }
        this.vcgencmd = List.copyOf(cmd);
        this.blockDevices = Path.of(config.block_devices());
        this.proc = Path.of(config.proc());
        this.timeout = Duration.ofSeconds(config.command_timeout_seconds());
    }

    Reading<Double> cpuTemp(Instant now) {
        try {
            return Reading.of(Parsers.celsius(Files.readString(thermal)), now);
        } catch (IOException | RuntimeException e) {
            return Reading.unavailable("no temperature in " + thermal, now);
        }
    }

    /** Runs vcgencmd; one that overruns the timeout is killed and leaves the last value, stale. */
    Reading<Throttle> throttle(Reading<Throttle> previous, Instant now) {
        if (vcgencmd.isEmpty()) {
            return Reading.unavailable("no vcgencmd configured", now);
        }
        Commands.Result r;
        try {
            r = Commands.run(vcgencmd, null, Map.of(), timeout, false);
        } catch (IOException e) {
            return Reading.unavailable("vcgencmd cannot run: " + e.getMessage(), now);
        }
        if (r.timedOut()) {
            return previous.overran("vcgencmd did not answer within " + timeout.toSeconds() + " s", now);
        }
        if (r.exit() != 0) {
            return Reading.unavailable("vcgencmd exited with " + r.exit(), now);
        }
        try {
            return Reading.of(Parsers.throttle(r.output()), now);
        } catch (RuntimeException e) {
            return Reading.unavailable(e.getMessage(), now);
        }
    }

    /** The first block device with a {@code life_time} (an SD card or eMMC), {@code mmcblk*} first. */
    Reading<SdHealth> sdHealth(Instant now) {
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(blockDevices)) {
            dir.forEach(candidates::add);
        } catch (IOException | RuntimeException e) {
            return Reading.unavailable("no block devices in " + blockDevices, now);
        }
        candidates.sort((a, b) -> {
            boolean am = a.getFileName().toString().startsWith("mmcblk");
            boolean bm = b.getFileName().toString().startsWith("mmcblk");
            return am != bm ? (am ? -1 : 1) : a.getFileName().compareTo(b.getFileName());
        });
        for (Path device : candidates) {
            Path file = device.resolve("device").resolve("life_time");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                String raw = Files.readString(file).strip();
                return Reading.of(new SdHealth(device.getFileName().toString(), raw, Parsers.lifeTime(raw)), now);
            } catch (IOException | RuntimeException e) {
                return Reading.unavailable("unreadable " + file, now);
            }
        }
        return Reading.unavailable("no block device reports life_time", now);
    }

    /** Load (since the previous reading, or since boot for the first), memory, uptime and the rest of /proc. */
    Reading<Proc> proc(Reading<Proc> previous, Instant now) {
        String stat = read("stat");
        List<Parsers.CpuTimes> times = null;
        Double load = null;
        List<Double> perCore = null;
        Long bootTime = null;
        if (stat != null) {
            try {
                times = Parsers.cpuTimes(stat);
                bootTime = Parsers.bootTime(stat);
                List<Parsers.CpuTimes> before = previous.value() == null ? null : previous.value().times();
                load = times.get(0).percentSince(before == null ? null : before.get(0));
                perCore = new ArrayList<>();
                for (int i = 1; i < times.size(); i++) {
                    Parsers.CpuTimes earlier = before != null && i < before.size() ? before.get(i) : null;
                    perCore.add(times.get(i).percentSince(earlier));
                }
            } catch (RuntimeException e) {
                times = null;
            }
        }
        Map<String, Long> mem = null;
        String meminfo = read("meminfo");
        if (meminfo != null) {
            mem = Parsers.meminfo(meminfo);
        }
        Double uptime = parse(read("uptime"), Parsers::uptime);
        double[] loadavg = parse(read("loadavg"), Parsers::loadAverages);
        Parsers.NetCounters net = parse(read("net/dev"), Parsers::netDev);
        String hostname = strip(read("sys/kernel/hostname"));
        String kernel = strip(read("sys/kernel/osrelease"));
        if (stat == null && mem == null && uptime == null) {
            return Reading.unavailable("nothing readable in " + proc, now);
        }
        return Reading.of(new Proc(load, perCore, times, mem == null ? null : mem.get("MemTotal"),
                mem == null ? null : mem.get("MemAvailable"), mem == null ? null : mem.get("SwapTotal"),
                mem == null ? null : mem.get("SwapFree"), uptime, loadavg, net, bootTime, hostname, kernel), now);
    }

    private String read(String name) {
        try {
            return Files.readString(proc.resolve(name));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(String text, Parser<T> parser) {
        if (text == null) {
            return null;
        }
        try {
            return parser.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
