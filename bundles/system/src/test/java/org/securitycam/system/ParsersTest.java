package org.securitycam.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ParsersTest {
    @Test
    void thermalZoneIsInMillidegrees() {
        assertEquals(64.9, Parsers.celsius("64900\n"));
        assertEquals(80.0, Parsers.celsius("80000"));
        assertEquals(-5.5, Parsers.celsius("-5500"));
        assertThrows(NumberFormatException.class, () -> Parsers.celsius("hot"));
    }

    @Test
    void throttleFlagsNowAndSinceBoot() {
        Throttle none = Parsers.throttle("throttled=0x0\n");
        assertFalse(none.active());
        assertEquals("0x0", none.raw());
        for (int bit = 0; bit < 4; bit++) {
            Throttle t = Parsers.throttle("throttled=0x" + Integer.toHexString(1 << bit));
            assertTrue(t.active(), "bit " + bit);
        }
        Throttle past = Parsers.throttle("throttled=0x50000");
        assertFalse(past.active(), "what happened since boot is not active now");
        Map<String, Object> json = Parsers.throttle("throttled=0x50005").toJson();
        assertEquals("0x50005", json.get("raw"));
        assertEquals(true, json.get("active"));
        assertEquals(true, json.get("under_voltage"));
        assertEquals(false, json.get("freq_capped"));
        assertEquals(true, json.get("throttled"));
        assertEquals(false, json.get("soft_temp_limit"));
        assertEquals(true, json.get("under_voltage_occurred"));
        assertEquals(true, json.get("throttled_occurred"));
        assertEquals(false, json.get("freq_capped_occurred"));
        assertThrows(IllegalArgumentException.class, () -> Parsers.throttle("error=1 error_msg=\"nope\""));
    }

    @Test
    void lifeTimeTakesTheFirstHexValue() {
        assertEquals(1, Parsers.lifeTime("0x01 0x02\n"));
        assertEquals(3, Parsers.lifeTime("0x03 0x01"));
        assertEquals(11, Parsers.lifeTime("0x0B 0x0B"));
        assertEquals(10, Parsers.lifeTime("0x0a"));
        assertThrows(NumberFormatException.class, () -> Parsers.lifeTime("worn"));
    }

    @Test
    void cpuLoadIsTheBusyShareBetweenTwoReadings() {
        String first = "cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 50 0 50 350 50 0 0 0 0 0\ncpu1 50 0 50 350 50 0 0 0 0 0\n"
                + "intr 1\nbtime 1700000000\n";
        String second = "cpu  200 0 200 1300 300 0 0 0 0 0\ncpu0 150 0 150 350 50 0 0 0 0 0\n"
                + "cpu1 50 0 50 950 250 0 0 0 0 0\nbtime 1700000000\n";
        List<Parsers.CpuTimes> a = Parsers.cpuTimes(first);
        List<Parsers.CpuTimes> b = Parsers.cpuTimes(second);
        assertEquals(3, b.size());
        // 200 busy jiffies out of 1000: iowait counts as idle.
        assertEquals(20.0, b.get(0).percentSince(a.get(0)));
        assertEquals(100.0, b.get(1).percentSince(a.get(1)));
        assertEquals(0.0, b.get(2).percentSince(a.get(2)));
        assertEquals(20.0, a.get(0).percentSince(null), "since boot");
        assertNull(a.get(0).percentSince(a.get(0)), "no time passed");
        assertEquals(1700000000L, Parsers.bootTime(first));
    }

    @Test
    void memoryUptimeLoadAndNetwork() {
        Map<String, Long> mem = Parsers.meminfo("MemTotal:        3884072 kB\nMemFree:  1000 kB\n"
                + "MemAvailable:    2884072 kB\nSwapTotal: 102396 kB\nSwapFree: 102396 kB\nHugePages_Total: 0\n");
        assertEquals(3884072L, mem.get("MemTotal"));
        assertEquals(2884072L, mem.get("MemAvailable"));
        assertEquals(0L, mem.get("HugePages_Total"));
        assertEquals(1234.56, Parsers.uptime("1234.56 4321.00\n"));
        double[] load = Parsers.loadAverages("0.52 0.58 0.59 1/312 4242\n");
        assertEquals(0.52, load[0]);
        assertEquals(0.59, load[2]);
        Parsers.NetCounters net = Parsers.netDev("Inter-|   Receive                            |  Transmit\n"
                + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
                + "    lo: 9000 90 0 0 0 0 0 0 9000 90 0 0 0 0 0 0\n"
                + "  eth0: 1000 10 0 0 0 0 0 0 2000 20 0 0 0 0 0 0\n"
                + " wlan0: 300 3 0 0 0 0 0 0 400 4 0 0 0 0 0 0\n");
        assertEquals(new Parsers.NetCounters(1300, 13, 2400, 24), net);
    }

    @Test
    void osReleasePrettyName() {
        assertEquals("Debian GNU/Linux 12 (bookworm)",
                Parsers.prettyName("NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"));
        assertNull(Parsers.prettyName("NAME=x\n"));
    }
}
