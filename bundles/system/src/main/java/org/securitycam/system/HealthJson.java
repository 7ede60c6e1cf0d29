package org.securitycam.system;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.securitycam.api.media.DiskUsage;
import org.securitycam.system.Health.Proc;

/** The health readings as the API shows them. Integers stay integers, fractions are rounded for people. */
final class HealthJson {
    private static final double KB_PER_MB = 1024;
    private static final double BYTES_PER_GB = 1024.0 * 1024 * 1024;

    private HealthJson() {
    }

    static Double round1(Double v) {
        return v == null ? null : Math.round(v * 10) / 10.0;
    }

    static Double round2(Double v) {
        return v == null ? null : Math.round(v * 100) / 100.0;
    }

    private static Long mb(Long kb) {
        return kb == null ? null : Math.round(kb / KB_PER_MB);
    }

    /**
     * {@code {"cpu_temp_celsius","cpu_load_percent","storage_info_gb":{"total_gb","used_gb"},
     * "ram_usage_mb":{"total_mb","used_mb"},"uptime_seconds","throttle","sd_health"}}; an unavailable figure is null.
     */
    static Map<String, Object> systemInfo(Health h, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu_temp_celsius", round1(h.cpuTemp().value()));
        Proc p = h.proc().value();
        m.put("cpu_load_percent", p == null ? null : round1(p.load()));
        DiskUsage u = h.storage().value();
        if (u == null) {
            m.put("storage_info_gb", null);
        } else {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("total_gb", round2(u.total() / BYTES_PER_GB));
            s.put("used_gb", round2(u.used() / BYTES_PER_GB));
            m.put("storage_info_gb", s);
        }
        if (p == null || p.memTotalKb() == null || p.memAvailableKb() == null) {
            m.put("ram_usage_mb", null);
        } else {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("total_mb", mb(p.memTotalKb()));
            r.put("used_mb", mb(p.memTotalKb() - p.memAvailableKb()));
            m.put("ram_usage_mb", r);
        }
        if (p == null || p.uptime() == null) {
            m.put("uptime_seconds", null);
        } else {
            // The uptime read at the last sample, plus the time since: exact to the second without a read now.
            m.put("uptime_seconds", (long) (p.uptime() + Duration.between(h.proc().at(), now).toMillis() / 1000.0));
        }
        m.put("throttle", h.throttle().value() == null ? null : h.throttle().value().toJson());
        m.put("sd_health", h.sd().value() == null ? null : h.sd().value().toJson());
        return m;
    }

    /** The flat object of {@code /system_stats}, without the git fields; an unavailable figure is null. */
    static Map<String, Object> systemStats(Health h, String os) {
        Proc p = h.proc().value();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hostname", p == null ? null : p.hostname());
        List<Double> cores = p == null || p.perCore() == null ? null : new ArrayList<>();
        if (cores != null) {
            p.perCore().forEach(c -> cores.add(round1(c)));
        }
        m.put("cpu_count", cores != null && !cores.isEmpty() ? cores.size() : Runtime.getRuntime().availableProcessors());
        m.put("cpu_percent_per_core", cores);
        m.put("boot_time", p == null || p.bootTime() == null ? null : Times.iso(Instant.ofEpochSecond(p.bootTime())));
        Parsers.NetCounters net = p == null ? null : p.net();
        m.put("net_bytes_sent", net == null ? null : net.bytesSent());
        m.put("net_bytes_recv", net == null ? null : net.bytesReceived());
        m.put("net_packets_sent", net == null ? null : net.packetsSent());
        m.put("net_packets_recv", net == null ? null : net.packetsReceived());
        boolean swap = p != null && p.swapTotalKb() != null && p.swapFreeKb() != null;
        m.put("swap_total_mb", swap ? mb(p.swapTotalKb()) : null);
        m.put("swap_used_mb", swap ? mb(p.swapTotalKb() - p.swapFreeKb()) : null);
        double[] load = p == null ? null : p.loadAverages();
        m.put("load_avg_1m", load == null ? null : load[0]);
        m.put("load_avg_5m", load == null ? null : load[1]);
        m.put("load_avg_15m", load == null ? null : load[2]);
        m.put("os", os);
        m.put("kernel", p != null && p.kernel() != null ? p.kernel() : System.getProperty("os.version"));
        m.put("architecture", System.getProperty("os.arch"));
        m.put("java_version", System.getProperty("java.version"));
        return m;
    }

    static Map<String, Object> alerts(Map<Metric, Level> levels) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Metric metric : Metric.values()) {
            m.put(metric.key(), levels.getOrDefault(metric, Level.OK).label());
        }
        return m;
    }

    /** The raw figure behind each alert: degrees, the throttle flags in hex, percent used, the wear estimate. */
    static Map<String, Object> values(Health h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(Metric.CPU_TEMP.key(), round1(h.cpuTemp().value()));
        m.put(Metric.THROTTLE.key(), h.throttle().value() == null ? null : h.throttle().value().raw());
        m.put(Metric.STORAGE.key(), round1(h.storagePercent()));
        m.put(Metric.SD_HEALTH.key(), h.sd().value() == null ? null : h.sd().value().lifeTime());
        return m;
    }

    /** {@code {<metric>: {"since","reason"}}} for every metric whose source has gone stale. */
    static Map<String, Object> stale(Health h, Instant now, Duration maxAge) {
        Map<String, Object> m = new LinkedHashMap<>();
        stale(m, Metric.CPU_TEMP, h.cpuTemp(), now, maxAge);
        stale(m, Metric.THROTTLE, h.throttle(), now, maxAge);
        stale(m, Metric.STORAGE, h.storage(), now, maxAge);
        stale(m, Metric.SD_HEALTH, h.sd(), now, maxAge);
        return m;
    }

    private static void stale(Map<String, Object> out, Metric metric, Reading<?> r, Instant now, Duration maxAge) {
        Instant since = r.staleSince(now, maxAge);
        if (since != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("since", Times.iso(since));
            s.put("reason", r.problem() != null ? r.problem() : "not read since then");
            out.put(metric.key(), s);
        }
    }
}
