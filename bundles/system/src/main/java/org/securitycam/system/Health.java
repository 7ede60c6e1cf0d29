package org.securitycam.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.securitycam.api.media.DiskUsage;

/** The latest reading of every health source, replaced as a whole so that a reader always sees one consistent set. */
record Health(Reading<Double> cpuTemp, Reading<Throttle> throttle, Reading<SdHealth> sd, Reading<DiskUsage> storage,
        Reading<Proc> proc) {

    static Health initial() {
        return new Health(Reading.notYet(), Reading.notYet(), Reading.notYet(), Reading.notYet(), Reading.notYet());
    }

    Health withCpuTemp(Reading<Double> r) {
        return new Health(r, throttle, sd, storage, proc);
    }

    Health withThrottle(Reading<Throttle> r) {
        return new Health(cpuTemp, r, sd, storage, proc);
    }

    Health withSd(Reading<SdHealth> r) {
        return new Health(cpuTemp, throttle, r, storage, proc);
    }

    Health withStorage(Reading<DiskUsage> r) {
        return new Health(cpuTemp, throttle, sd, r, proc);
    }

    Health withProc(Reading<Proc> r) {
        return new Health(cpuTemp, throttle, sd, storage, r);
    }

    /** Used space of the save location's filesystem in percent, or null. */
    Double storagePercent() {
        DiskUsage u = storage.value();
        return u == null || u.total() == 0 ? null : u.percent();
    }

    /** Used RAM in percent, or null. */
    Double ramPercent() {
        Proc p = proc.value();
        return p == null || p.memTotalKb() == null || p.memAvailableKb() == null || p.memTotalKb() == 0 ? null
                : 100.0 * (p.memTotalKb() - p.memAvailableKb()) / p.memTotalKb();
    }

    /** The SD card's wear: the block device it was read from, its {@code life_time} as read, and the estimate. */
    record SdHealth(String device, String lifeTimeRaw, int lifeTime) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("device", device);
            m.put("life_time", lifeTimeRaw);
            m.put("life_time_est", lifeTime);
            return m;
        }
    }

    /**
     * What /proc tells; any figure whose file was missing or unreadable is null. {@code times} are the cpu
     * counters the next reading's load is measured against.
     */
    record Proc(Double load, List<Double> perCore, List<Parsers.CpuTimes> times, Long memTotalKb, Long memAvailableKb,
            Long swapTotalKb, Long swapFreeKb, Double uptime, double[] loadAverages, Parsers.NetCounters net,
            Long bootTime, String hostname, String kernel) {
    }
}
